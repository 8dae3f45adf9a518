package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.source.ImageSources;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.ImageLayouts;
import io.podarmor.testing.ImageLayouts.MediaTypeStyle;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestImage.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way an image is stored gives the same image: an OCI layout, a legacy {@code docker save} archive, the
 * Docker 25+ archive (an OCI layout in a tar), a plain OCI archive, the engine, and the engine's own
 * {@code docker save} of what it loaded.
 */
class ImageSourcesTest {
  private static final String REFERENCE = "podarmor-test-foundation/sources:1";

  @TempDir static Path tmp;
  static TestImage image;
  static List<FileEntry> expected;

  @BeforeAll
  static void writeAndLoad() {
    // hard links stay within their layer: the engine cannot load one whose target is in a lower layer
    image = TestImage.named(REFERENCE).user("65532:65532").label("test", "sources").cmd("/bin/sh")
        .layer(Layer.create()
            .dir("/bin", 0755).copy("/bin/busybox", Binaries.busybox(), 0755)
            .dir("/usr/bin", 0755).file("/usr/bin/passwd", "passwd", 04755)
            .hardlink("/usr/bin/passwd-link", "/usr/bin/passwd")
            .owner(0, 42).file("/usr/bin/chage", "chage", 02755).owner(0, 0)
            .dir("/tmp", 01777)
            .dir("/etc", 0755).file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644)
            .file("/etc/old.conf", "old", 0644)
            .dir("/var/cache", 0755).file("/var/cache/stale", "s", 0644).dir("/var/cache/sub", 0755)
            .owner(1000, 1000).dir("/home/user", 0750).file("/home/user/.profile", "p", 0640))
        .layer(Layer.create()
            .symlink("/bin/sh", "busybox")
            .dir("/usr/bin", 0755).file("/usr/bin/passwd", "passwd", 0755)
            .dir("/etc", 0755).whiteout("/etc/old.conf")
            .file("/etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:65532:65532::/:/bin/sh\n", 0644)
            .dir("/var/cache", 0700).opaque("/var/cache").file("/var/cache/fresh", "f", 0644));
    expected = List.copyOf(ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("layout"))).filesystem()
        .entries());
    image.loadIntoDocker();
  }

  @AfterAll
  static void remove() {
    image.removeFromDocker();
  }

  @Test
  void theExpectedFilesystem() {
    assertThat(expected).map(FileEntry::toString).containsExactly(
        "drwxr-xr-x 0:0 /",
        "drwxr-xr-x 0:0 /bin",
        "-rwxr-xr-x 0:0 /bin/busybox",
        "lrwxrwxrwx 0:0 /bin/sh -> busybox",
        "drwxr-xr-x 0:0 /etc",
        "-rw-r--r-- 0:0 /etc/passwd",
        "drwxr-xr-x 0:0 /home",
        "drwxr-x--- 1000:1000 /home/user",
        "-rw-r----- 1000:1000 /home/user/.profile",
        "drwxrwxrwt 0:0 /tmp",
        "drwxr-xr-x 0:0 /usr",
        "drwxr-xr-x 0:0 /usr/bin",
        "-rwxr-sr-x 0:42 /usr/bin/chage",
        "-rwxr-xr-x 0:0 /usr/bin/passwd",
        "-rwsr-xr-x 0:0 /usr/bin/passwd-link",
        "drwxr-xr-x 0:0 /var",
        "drwx------ 0:0 /var/cache",
        "-rw-r--r-- 0:0 /var/cache/fresh");
  }

  @Test
  void ociLayout() {
    Path layout = tmp.resolve("layout");
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromOciLayout(layout), "oci:" + layout.toAbsolutePath(),
        TestImage.manifestDigestOf(layout));
  }

  @Test
  void legacyDockerArchive() {
    Path tar = image.writeDockerArchive(tmp.resolve("legacy.tar"));
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromDockerArchive(tar), "docker-archive:" + tar.toAbsolutePath(), image.id());
  }

  @Test
  void docker25Archive() {
    Path tar = ImageLayouts.writeDocker25Archive(image, tmp.resolve("docker25.tar"));
    String manifestDigest = ImageLayouts.manifestDigests(
        ImageLayouts.writeOciLayout(tmp.resolve("uncompressed"), image, MediaTypeStyle.OCI, Compression.NONE)).get(0);
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromDockerArchive(tar), "docker-archive:" + tar.toAbsolutePath(),
        manifestDigest);
  }

  @Test
  void ociArchive() {
    Path tar = ImageLayouts.writeOciArchive(image, tmp.resolve("oci.tar"));
    String manifestDigest = ImageLayouts.manifestDigests(
        ImageLayouts.writeOciLayout(tmp.resolve("gzip"), image, MediaTypeStyle.OCI, Compression.GZIP)).get(0);
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromDockerArchive(tar), "docker-archive:" + tar.toAbsolutePath(),
        manifestDigest);
  }

  @Test
  void theEngine() {
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromDaemon(REFERENCE), REFERENCE, image.id());
    ImageSources.clearCache();
    assertSameImage(ContainerImage.of(REFERENCE), REFERENCE, image.id());
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromDaemon(image.id()), image.id(), image.id());
  }

  @Test
  void theEnginesOwnDockerSave() {
    Path tar = tmp.resolve("saved.tar");
    DockerCli.run("save", "-o", tar.toString(), REFERENCE);
    ImageSources.clearCache();
    assertSameImage(ContainerImage.fromDockerArchive(tar), "docker-archive:" + tar.toAbsolutePath(), image.id());
  }

  /** Each source is read with an empty cache: the index is cached by image ID, the same for all of them. */
  private static void assertSameImage(ContainerImage read, String reference, String digest) {
    assertThat(read.reference()).isEqualTo(reference);
    assertThat(read.digest()).isEqualTo(digest);
    assertThat(read.id()).isEqualTo(image.id());
    assertThat(read.platform()).isEqualTo(Platform.parse("linux/amd64"));
    assertThat(read.platforms()).containsExactly(Platform.parse("linux/amd64"));
    assertThat(read.config().user()).isEqualTo("65532:65532");
    assertThat(read.config().labels()).containsEntry("test", "sources");
    assertThat(read.config().cmd()).containsExactly("/bin/sh");
    assertThat(read.filesystem().entries()).containsExactlyElementsOf(expected);
    assertThat(read.filesystem().get("/usr/bin/passwd-link")).get()
        .extracting(FileEntry::layerIndex, FileEntry::layerDigest, e -> e.hardLinkTarget().orElseThrow())
        .containsExactly(1, TestImage.sha256(image.layerTars().get(0)), "/usr/bin/passwd");
    assertThat(read.filesystem().resolve("/bin/sh").flatMap(FileEntry::identifiedProgram)).contains("busybox");
    assertThat(read.filesystem().readString("/etc/passwd")).endsWith("app:x:65532:65532::/:/bin/sh\n");
    assertThat(setIdPaths(read)).containsExactly("/usr/bin/chage", "/usr/bin/passwd-link");
  }

  private static List<String> setIdPaths(ContainerImage read) {
    return read.filesystem().entries().stream().filter(e -> e.isSetuid() || e.isSetgid()).map(FileEntry::path)
        .collect(Collectors.toList());
  }
}
