package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.source.ImageSources;
import io.podarmor.testing.DebianRootfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-world image: Debian bookworm minbase from debootstrap, imported into the engine, and a hardened variant
 * made with {@code docker build}. Read from the engine and from {@code docker save} archives.
 */
class DebianImageTest {
  /**
   * Apt's and dpkg's programs in the bin directories (where the hardening guide removes them; their cron jobs,
   * bug-report hooks and helpers elsewhere stay and are no package managers).
   */
  private static final Pattern APT_OR_DPKG = Pattern.compile("(apt|apt-.*|aptitude|dpkg|dpkg-.*)");

  @TempDir static Path tmp;
  static Map<String, TarArchiveEntry> setIdInTarball;
  static Path minbaseArchive;
  static Path hardenedArchive;

  @BeforeAll
  static void images() throws IOException {
    setIdInTarball = setIdEntries(DebianRootfs.rootfsTarball());
    minbaseArchive = DebianRootfs.save(DebianRootfs.minbaseImage(), tmp.resolve("minbase.tar"));
    hardenedArchive = DebianRootfs.save(DebianRootfs.hardenedImage(), tmp.resolve("hardened.tar"));
  }

  @Test
  void theRootfsHasExactlyTheKnownSetIdPrograms() {
    assertThat(setIdInTarball.keySet()).containsExactlyElementsOf(DebianRootfs.SET_ID_PROGRAMS);
  }

  @Test
  void theEngineImageHasExactlyTheRealSetIdProgramsWithTheirMetadata() {
    ImageSources.clearCache();
    assertSetIdPrograms(ContainerImage.fromDaemon(DebianRootfs.MINBASE));
  }

  @Test
  void itsDockerSaveArchiveHasThemToo() {
    ImageSources.clearCache();
    ContainerImage archive = ContainerImage.fromDockerArchive(minbaseArchive);
    assertSetIdPrograms(archive);
    ImageSources.clearCache();
    assertThat(archive.filesystem().entries())
        .containsExactlyElementsOf(ContainerImage.fromDaemon(DebianRootfs.MINBASE).filesystem().entries());
  }

  @Test
  void theMinbaseImageIsARealDebian() {
    ContainerImage image = ContainerImage.fromDaemon(DebianRootfs.MINBASE);
    ImageFilesystem fs = image.filesystem();
    assertThat(image.config().user()).isEmpty();
    assertThat(image.config().labels()).containsKey(DebianRootfs.ROOTFS_LABEL);
    assertThat(fs.readString("/etc/os-release")).contains("VERSION_CODENAME=bookworm");
    assertThat(fs.readString("/etc/passwd")).startsWith("root:x:0:0:root:/root:/bin/bash\n");
    assertThat(fs.readString("/var/lib/dpkg/status")).contains("Package: dpkg\n", "Package: apt\n");
    assertThat(fs.get("/bin")).get().extracting(FileEntry::type, e -> e.linkTarget().orElseThrow())
        .containsExactly(FileType.SYMLINK, "usr/bin");
    assertThat(fs.resolve("/bin/sh")).get().extracting(FileEntry::path).isEqualTo("/usr/bin/dash");
    assertThat(fs.get("/usr/bin/perl5.36.0")).get().extracting(e -> e.hardLinkTarget().orElseThrow())
        .isEqualTo("/usr/bin/perl");
    assertThat(packageManagerPrograms(fs)).contains("/usr/bin/apt", "/usr/bin/apt-get", "/usr/bin/dpkg");
    assertThat(fs.entries()).hasSizeGreaterThan(5000);
  }

  @Test
  void theHardenedBuildHasNoSetIdProgramsNoPackageManagerAndRunsAsNonRootWithAHealthcheck() {
    for (ContainerImage image : List.of(ContainerImage.fromDaemon(DebianRootfs.HARDENED),
        ContainerImage.fromDockerArchive(hardenedArchive))) {
      ImageFilesystem fs = image.filesystem();
      assertThat(setIdPaths(fs)).as(image.reference()).isEmpty();
      // the programs are still there, their bits cleared by the build's RUN layer
      for (String program : DebianRootfs.SET_ID_PROGRAMS) {
        assertThat(fs.get(program)).as(program).get()
            .extracting(FileEntry::mode, FileEntry::layerIndex).containsExactly(0755, 2);
      }
      assertThat(packageManagerPrograms(fs)).as(image.reference()).isEmpty();
      assertThat(fs.readString("/var/lib/dpkg/status")).contains("Package: dpkg\n");
      assertThat(image.config().user()).isEqualTo("65532:65532");
      assertThat(image.config().healthcheck()).get()
          .satisfies(hc -> assertThat(hc.isDisabled()).isFalse())
          .extracting(Healthcheck::test).isEqualTo(List.of("CMD", "/bin/sh", "-c", "test -r /etc/os-release"));
      assertThat(fs.resolve("/bin/sh")).get().extracting(FileEntry::path, FileEntry::isExecutable)
          .containsExactly("/usr/bin/dash", true);
      assertThat(image.config().history()).extracting(HistoryEntry::createdBy)
          .anySatisfy(step -> assertThat(step).contains("chmod ug-s"));
    }
  }

  private static void assertSetIdPrograms(ContainerImage image) {
    ImageFilesystem fs = image.filesystem();
    assertThat(setIdPaths(fs)).as(image.reference()).containsExactlyElementsOf(DebianRootfs.SET_ID_PROGRAMS);
    for (String path : DebianRootfs.SETUID_PROGRAMS) {
      FileEntry e = fs.get(path).orElseThrow();
      assertThat(e.lsMode()).as(path).isEqualTo("-rwsr-xr-x");
      assertThat(e.isSetuid()).as(path).isTrue();
      assertThat(e.isSetgid()).as(path).isFalse();
      assertThat(List.of(e.uid(), e.gid())).as(path).containsExactly(0L, 0L);
    }
    for (String path : DebianRootfs.SETGID_PROGRAMS) {
      FileEntry e = fs.get(path).orElseThrow();
      assertThat(e.lsMode()).as(path).isEqualTo("-rwxr-sr-x");
      assertThat(e.isSetgid()).as(path).isTrue();
      assertThat(e.isSetuid()).as(path).isFalse();
      assertThat(List.of(e.uid(), e.gid())).as(path).containsExactly(0L, (long) DebianRootfs.SHADOW_GID);
    }
    for (String path : DebianRootfs.SET_ID_PROGRAMS) {
      FileEntry e = fs.get(path).orElseThrow();
      TarArchiveEntry inTarball = setIdInTarball.get(path);
      assertThat(e.type()).as(path).isEqualTo(FileType.REGULAR);
      assertThat(e.mode()).as(path).isEqualTo(inTarball.getMode() & 07777);
      assertThat(e.size()).as(path).isEqualTo(inTarball.getSize()).isPositive();
      assertThat(e.layerIndex()).as(path).isEqualTo(1);
      assertThat(e.layerDigest()).as(path).startsWith("sha256:");
    }
  }

  private static List<String> setIdPaths(ImageFilesystem fs) {
    return fs.entries().stream().filter(e -> e.isRegularFile() && (e.isSetuid() || e.isSetgid()))
        .map(FileEntry::path).collect(Collectors.toList());
  }

  private static List<String> packageManagerPrograms(ImageFilesystem fs) {
    return fs.entries().stream()
        .filter(e -> e.isRegularFile() && e.isExecutable() && APT_OR_DPKG.matcher(e.name()).matches())
        .filter(e -> e.path().matches("/(usr/(local/)?)?s?bin/[^/]+"))
        .map(FileEntry::path).collect(Collectors.toList());
  }

  /** The set-id regular files of the rootfs tarball, read independently of PodArmor's readers. */
  private static Map<String, TarArchiveEntry> setIdEntries(Path tarball) throws IOException {
    Map<String, TarArchiveEntry> out = new TreeMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 65536);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile() && (e.getMode() & 06000) != 0) {
          out.put(e.getName().replaceFirst("^\\./", "/"), e);
        }
      }
    }
    return out;
  }
}
