package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.testing.Binaries;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** How layers merge into one filesystem: whiteouts, opaque directories, replacement, hard links, implied parents. */
class MergedFilesystemTest {
  @TempDir Path tmp;
  private String testName;

  @BeforeEach
  void name(TestInfo info) {
    testName = info.getDisplayName();
  }

  @Test
  void whiteoutDeletesAFileAndADirectoryWithEverythingBelowIt() {
    ImageFilesystem fs = fs(image(
        Layer.create().dir("/etc", 0755).file("/etc/a.conf", "a", 0644).file("/etc/b.conf", "b", 0644)
            .dir("/opt/app", 0755).file("/opt/app/bin", "x", 0755).file("/opt/app/lib/x.so", "x", 0644)
            .file("/opt/app-data", "kept", 0644),
        Layer.create().whiteout("/etc/a.conf").whiteout("/opt/app")));

    assertThat(paths(fs)).containsExactly("/", "/etc", "/etc/b.conf", "/opt", "/opt/app-data");
    assertThat(fs.exists("/etc/a.conf")).isFalse();
  }

  @Test
  void opaqueDirectoryHidesWhatLowerLayersHadButKeepsItsOwnLayersEntries() {
    ImageFilesystem fs = fs(image(
        Layer.create().dir("/data", 0755).file("/data/old", "1", 0644).file("/data/sub/older", "2", 0644)
            .file("/datastore/kept", "3", 0644),
        // the marker comes after the new entry in tar order: it still hides only the lower layers
        Layer.create().dir("/data", 0700).file("/data/new", "4", 0644).opaque("/data")));

    assertThat(paths(fs)).containsExactly("/", "/data", "/data/new", "/datastore", "/datastore/kept");
    assertThat(fs.get("/data")).get().extracting(FileEntry::mode, FileEntry::layerIndex).containsExactly(0700, 2);
  }

  @Test
  void aLaterEntryReplacesAnEarlierOneWithAllItsMetadata() {
    TestImage image = image(
        Layer.create().file("/usr/bin/tool", "old", 04755),
        Layer.create().owner(1000, 1001).file("/usr/bin/tool", "newer", 0750));
    ImageFilesystem fs = fs(image);

    FileEntry tool = fs.get("/usr/bin/tool").orElseThrow();
    assertThat(tool.mode()).isEqualTo(0750);
    assertThat(tool.uid()).isEqualTo(1000);
    assertThat(tool.gid()).isEqualTo(1001);
    assertThat(tool.size()).isEqualTo(5);
    assertThat(tool.layerIndex()).isEqualTo(2);
    assertThat(tool.layerDigest()).isEqualTo(TestImage.sha256(image.layerTars().get(1)));
    assertThat(tool.layerDescription())
        .isEqualTo("layer 2 (" + TestImage.sha256(image.layerTars().get(1)).substring(0, 19) + ")");
  }

  @Test
  void chmodMinusSInALaterLayerClearsTheSetuidAndSetgidBits() {
    ImageFilesystem fs = fs(image(
        Layer.create().file("/usr/bin/passwd", "p", 04755).owner(0, 5).file("/usr/bin/wall", "w", 02755)
            .file("/usr/bin/keep", "k", 06755),
        Layer.create().file("/usr/bin/passwd", "p", 0755).owner(0, 5).file("/usr/bin/wall", "w", 0755)));

    assertThat(setIdPaths(fs)).containsExactly("/usr/bin/keep");
    assertThat(fs.get("/usr/bin/passwd")).get().extracting(FileEntry::lsMode).isEqualTo("-rwxr-xr-x");
  }

  @Test
  void aFileReplacingADirectoryRemovesEverythingThatWasBelowIt() {
    ImageFilesystem fs = fs(image(
        Layer.create().dir("/srv/x", 0755).file("/srv/x/a", "a", 0644).dir("/srv/x/b", 0755)
            .file("/srv/x/b/c", "c", 04755).file("/srv/x.d/kept", "k", 0644),
        Layer.create().file("/srv/x", "now a file", 0644)));

    assertThat(paths(fs)).containsExactly("/", "/srv", "/srv/x", "/srv/x.d", "/srv/x.d/kept");
    assertThat(fs.get("/srv/x")).get().extracting(FileEntry::type).isEqualTo(FileType.REGULAR);
    assertThat(setIdPaths(fs)).isEmpty();
  }

  @Test
  void aSymlinkReplacingADirectoryRemovesEverythingThatWasBelowIt() {
    ImageFilesystem fs = fs(image(
        Layer.create().dir("/lib", 0755).file("/lib/libc.so", "c", 0755).dir("/usr/lib", 0755),
        Layer.create().symlink("/lib", "usr/lib")));

    assertThat(paths(fs)).containsExactly("/", "/lib", "/usr", "/usr/lib");
    assertThat(fs.get("/lib")).get().extracting(FileEntry::type).isEqualTo(FileType.SYMLINK);
  }

  @Test
  void aDirectoryReplacingAFileTakesItsPlace() {
    ImageFilesystem fs = fs(image(
        Layer.create().file("/srv/y", "file", 0644),
        Layer.create().dir("/srv/y", 0750).file("/srv/y/z", "z", 0644)));

    assertThat(fs.get("/srv/y")).get().extracting(FileEntry::type, FileEntry::mode)
        .containsExactly(FileType.DIRECTORY, 0750);
    assertThat(fs.exists("/srv/y/z")).isTrue();
  }

  @Test
  void aLaterDirectoryEntryChangesTheDirectoryAndKeepsWhatIsBelowIt() {
    ImageFilesystem fs = fs(image(
        Layer.create().dir("/usr/share", 0755).file("/usr/share/doc", "d", 0644),
        Layer.create().owner(1, 1).dir("/usr/share", 0700)));

    assertThat(fs.get("/usr/share")).get().extracting(FileEntry::mode, FileEntry::uid, FileEntry::layerIndex)
        .containsExactly(0700, 1L, 2);
    assertThat(fs.get("/usr/share/doc")).get().extracting(FileEntry::layerIndex).isEqualTo(1);
  }

  @Test
  void anEntryBelowWhatALowerLayerHasAsASymlinkTurnsThatPathIntoADirectoryAsOverlayfsShowsIt() {
    ImageFilesystem fs = fs(image(
        Layer.create().dir("/usr/lib", 0755).file("/usr/lib/real", "r", 0644).symlink("/lib", "usr/lib"),
        // a layer tar without the directory entry for /lib, as hand-made layers may have
        Layer.create().file("/lib/extra", "e", 0644)));

    assertThat(fs.get("/lib")).get().extracting(FileEntry::type, FileEntry::mode, FileEntry::layerIndex)
        .containsExactly(FileType.DIRECTORY, 0755, 2);
    assertThat(fs.resolve("/lib/extra")).get().extracting(FileEntry::path).isEqualTo("/lib/extra");
    assertThat(fs.exists("/lib/real")).isFalse();
  }

  @Test
  void aHardLinkCarriesItsTargetsMetadata() {
    ImageFilesystem fs = fs(image(
        Layer.create().owner(0, 42).file("/usr/bin/chage", "chage!", 02755).hardlink("/usr/bin/chage2",
            "/usr/bin/chage")));

    FileEntry link = fs.get("/usr/bin/chage2").orElseThrow();
    assertThat(link.type()).isEqualTo(FileType.REGULAR);
    assertThat(link.mode()).isEqualTo(02755);
    assertThat(link.gid()).isEqualTo(42);
    assertThat(link.size()).isEqualTo(6);
    assertThat(link.hardLinkTarget()).contains("/usr/bin/chage");
    assertThat(link.isSetgid()).isTrue();
    assertThat(setIdPaths(fs)).containsExactly("/usr/bin/chage", "/usr/bin/chage2");
  }

  @Test
  void aHardLinkToALowerLayersFileIsRefusedAsTheEngineRefusesIt() {
    // the engine unpacks each layer into its own directory: `docker load` fails with "link /usr/bin/su
    // /usr/local/bin/su: no such file or directory"
    TestImage image = image(
        Layer.create().file("/usr/bin/su", "su", 04755),
        Layer.create().hardlink("/usr/local/bin/su", "/usr/bin/su"));
    Path layout = image.writeOciLayout(tmp.resolve("layout"));

    assertThatThrownBy(() -> ContainerImage.fromOciLayout(layout).filesystem()).isInstanceOf(ImageException.class)
        .hasMessage("layer 2 (" + TestImage.sha256(TestImage.compress(image.layerTars().get(1),
            TestImage.Compression.GZIP)) + ") of oci:" + layout.toAbsolutePath() + ": entry 'usr/local/bin/su' (tar"
            + " header at byte 0) is a hard link to /usr/bin/su, which this layer does not have: the engine links "
            + "within the layer being unpacked and refuses it");
  }

  @Test
  void aHardLinkHeadersModeBecomesTheFilesModeForEveryName() {
    // the engine chmods the new name, which is the same file: both names end up setuid (checked against dockerd)
    ImageFilesystem fs = fs(image(
        Layer.create().file("/usr/bin/tool", "t", 0755).hardlink("/usr/bin/tool2", "/usr/bin/tool", 04755)));

    assertThat(setIdPaths(fs)).containsExactly("/usr/bin/tool", "/usr/bin/tool2");
  }

  @Test
  void aHardLinkKeepsTheBitWhenALaterLayerChmodsOnlyItsTarget() {
    // overlayfs copies the chmodded file up, which breaks the link: the other name keeps the old mode
    ImageFilesystem fs = fs(image(
        Layer.create().file("/usr/bin/passwd", "p", 04755).hardlink("/usr/bin/passwd.link", "/usr/bin/passwd"),
        Layer.create().file("/usr/bin/passwd", "p", 0755)));

    assertThat(setIdPaths(fs)).containsExactly("/usr/bin/passwd.link");
  }

  @Test
  void aHardLinkToASymlinkIsASymlinkWithTheSameTarget() {
    ImageFilesystem fs = fs(image(
        Layer.create().file("/bin/dash", "d", 0755).symlink("/bin/sh", "dash").hardlink("/bin/sh2", "/bin/sh")));

    assertThat(fs.get("/bin/sh2")).get().extracting(FileEntry::type, e -> e.linkTarget().orElse(""))
        .containsExactly(FileType.SYMLINK, "dash");
    assertThat(fs.resolve("/bin/sh2")).get().extracting(FileEntry::path).isEqualTo("/bin/dash");
  }

  @Test
  void parentDirectoriesALayerDoesNotListAreImplied() {
    ImageFilesystem fs = fs(image(Layer.create().file("/usr/local/bin/app", "a", 0755)));

    assertThat(paths(fs)).containsExactly("/", "/usr", "/usr/local", "/usr/local/bin", "/usr/local/bin/app");
    assertThat(fs.get("/usr/local")).get().extracting(FileEntry::lsMode, FileEntry::uid, FileEntry::layerIndex)
        .containsExactly("drwxr-xr-x", 0L, 1);
  }

  @Test
  void typesSpecialBitsAndLargeIdsAreKeptExactly() {
    ImageFilesystem fs = fs(image(Layer.create()
        .dir("/tmp", 01777)
        .dir("/srv/shared", 02775)
        .charDevice("/dev/null", 0666)
        .owner(4294967294L, 3000000000L).file("/home/nobody/file", "n", 0600)
        .owner(0, 0).file("/etc/both", "b", 06711)));

    assertThat(fs.get("/tmp")).get().extracting(FileEntry::lsMode).isEqualTo("drwxrwxrwt");
    assertThat(fs.get("/srv/shared")).get().extracting(FileEntry::lsMode).isEqualTo("drwxrwsr-x");
    assertThat(fs.get("/dev/null")).get().extracting(FileEntry::type, FileEntry::lsMode)
        .containsExactly(FileType.CHARACTER_DEVICE, "crw-rw-rw-");
    assertThat(fs.get("/home/nobody/file")).get().extracting(FileEntry::uid, FileEntry::gid)
        .containsExactly(4294967294L, 3000000000L);
    assertThat(fs.get("/etc/both")).get().extracting(FileEntry::lsMode, FileEntry::toString)
        .containsExactly("-rws--s--x", "-rws--s--x 0:0 /etc/both");
  }

  @Test
  void entriesAreSortedByPathAndGetNormalizesThePath() {
    ImageFilesystem fs = fs(image(Layer.create().file("/b", "b", 0644).file("/a-z", "", 0644).file("/a/z", "", 0644)
        .file("/a/b", "", 0644)));

    assertThat(paths(fs)).containsExactly("/", "/a", "/a/b", "/a/z", "/a-z", "/b");
    assertThat(fs.get("a//b/")).get().extracting(FileEntry::path).isEqualTo("/a/b");
    assertThat(fs.get("/a/./z/../b")).get().extracting(FileEntry::path).isEqualTo("/a/b");
  }

  @Test
  void onlyTheSmallFilesChecksReadKeepTheirContent() {
    ImageFilesystem fs = fs(image(
        Layer.create().file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644)
            .file("/etc/group", "root:x:0:\n", 0644).file("/etc/hostname", "box\n", 0644)
            .file("/var/lib/dpkg/status", "Package: dash\n", 0644)
            .file("/var/lib/dpkg/status.d/base", "Package: base-files\n", 0644),
        Layer.create().file("/etc/passwd", "app:x:65532:65532::/:/sbin/nologin\n", 0644).whiteout("/etc/group")
            .symlink("/etc/passwd.link", "passwd")));

    assertThat(fs.readString("/etc/passwd")).isEqualTo("app:x:65532:65532::/:/sbin/nologin\n");
    assertThat(fs.readString("/etc/passwd.link")).isEqualTo("app:x:65532:65532::/:/sbin/nologin\n");
    assertThat(fs.readString("/var/lib/dpkg/status")).isEqualTo("Package: dash\n");
    assertThat(fs.readString("/var/lib/dpkg/status.d/base")).isEqualTo("Package: base-files\n");
    assertThat(fs.hasContent("/etc/passwd")).isTrue();
    assertThat(fs.hasContent("/etc/hostname")).isFalse();
    assertThat(fs.hasContent("/etc/group")).isFalse();
    String ref = "oci:" + tmp.resolve("layout").toAbsolutePath();
    assertThatThrownBy(() -> fs.readString("/etc/hostname")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": the content of /etc/hostname was not retained; PodArmor keeps only /etc/passwd, "
            + "/etc/group, /etc/shadow, /etc/gshadow, /etc/shells, os-release, package databases, apt sources, apt "
            + "configuration, rpm repositories, apk configuration and SBOM files");
    assertThatThrownBy(() -> fs.readString("/etc/group")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": no file /etc/group in the image");
    assertThatThrownBy(() -> fs.readString("/etc")).isInstanceOf(ImageException.class)
        .hasMessage(ref + ": /etc is not a regular file (drwxr-xr-x)");
  }

  @Test
  void programsAreIdentifiedByContentWhateverTheirName() {
    ImageFilesystem fs = fs(image(
        Layer.create().copy("/bin/busybox", Binaries.busybox(), 0755)
            .copy("/usr/local/bin/innocent", Binaries.busybox(), 0755)
            .copy("/opt/busybox.data", Binaries.busybox(), 0644)
            .copy("/usr/bin/catatonit", Binaries.catatonit(), 0755)
            .hardlink("/bin/ls", "/bin/busybox"),
        Layer.create().symlink("/bin/sh", "busybox")));

    assertThat(fs.get("/bin/busybox").flatMap(FileEntry::identifiedProgram)).contains("busybox");
    assertThat(fs.get("/usr/local/bin/innocent").flatMap(FileEntry::identifiedProgram)).contains("busybox");
    assertThat(fs.get("/bin/ls").flatMap(FileEntry::identifiedProgram)).contains("busybox");
    assertThat(fs.resolve("/bin/sh").flatMap(FileEntry::identifiedProgram)).contains("busybox");
    // identified although not executable: a hard link header of the same layer can make it executable
    assertThat(fs.get("/opt/busybox.data").flatMap(FileEntry::identifiedProgram)).contains("busybox");
    assertThat(fs.get("/usr/bin/catatonit").flatMap(FileEntry::identifiedProgram)).isEmpty();
  }

  private TestImage image(Layer... layers) {
    TestImage image = TestImage.named("podarmor-test-foundation/merge:1").label("test", testName);
    for (Layer l : layers) {
      image.layer(l);
    }
    return image;
  }

  private ImageFilesystem fs(TestImage image) {
    return ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("layout"))).filesystem();
  }

  static List<String> paths(ImageFilesystem fs) {
    return fs.entries().stream().map(FileEntry::path).collect(Collectors.toList());
  }

  static List<String> setIdPaths(ImageFilesystem fs) {
    return fs.entries().stream().filter(e -> e.isRegularFile() && (e.isSetuid() || e.isSetgid()))
        .map(FileEntry::path).collect(Collectors.toList());
  }
}
