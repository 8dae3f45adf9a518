package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.layer;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasNoPackageManager_Test {
  /** An ELF file whose content says it is dpkg, as Debian's dpkg binary does. */
  static final byte[] DPKG_ELF = "\u007fELF\u0002\u0001\u0001\0Debian '%s' package management program version %s.\n"
      .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  /**
   * Package managers deleted by the second layer, as the hardening guide removes them; the package database and
   * namesakes that are no package manager stay: a daily cron job and a bug-report hook (executable scripts off the
   * PATH), a completion file, a logrotate entry.
   */
  static final TestImage CLEAN = TestImage.named(SourceImages.PREFIX + "pm-clean:1")
      .layer(Layer.create()
          .file("/var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\n", 0644)
          .dir("/usr/lib/apt", 0755)
          .file("/usr/share/bash-completion/completions/apt", "complete -F _apt apt", 0644)
          .file("/etc/logrotate.d/dpkg", "/var/log/dpkg.log {}", 0644)
          .file("/etc/cron.daily/dpkg", "#!/bin/sh\n/usr/libexec/dpkg/dpkg-db-backup\n", 0755)
          .file("/usr/share/bug/dpkg", "#!/bin/sh\ncat /var/lib/dpkg/status\n", 0755)
          .file("/usr/bin/apt-get", "apt-get", 0755)
          .file("/usr/bin/dpkg", "dpkg", 0755))
      .layer(Layer.create()
          .whiteout("/usr/bin/apt-get")
          .whiteout("/usr/bin/dpkg"));

  static final TestImage PACKAGE_MANAGERS = TestImage.named(SourceImages.PREFIX + "pm:1")
      .layer(Layer.create()
          .file("/usr/bin/apt", "apt", 0755)
          .file("/usr/bin/dpkg", "dpkg", 0755)
          .file("/usr/bin/rpm", "rpm", 0755)
          .file("/usr/bin/dnf-3", "dnf", 0755)
          .symlink("/usr/bin/dnf", "dnf-3")
          .file("/sbin/apk", "apk", 0755)
          .file("/var/lib/dpkg/status", "Package: base-files\n", 0644))
      .layer(Layer.create()
          .whiteout("/usr/bin/rpm")
          .file("/usr/local/bin/microdnf", "microdnf", 0700)
          .file("/opt/bin/zypper", "zypper", 0755)
          .file("/opt/tools/pkgtool", DPKG_ELF, 0755)
          .file("/opt/tools/yum", "yum", 0755))
      .env("PATH=/opt/bin:/usr/local/bin:/usr/bin");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, CLEAN, PACKAGE_MANAGERS);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_only_package_databases_and_namesakes_that_cannot_run_are_left(Source source) {
    // GIVEN
    ContainerImage image = images.open(CLEAN, source);
    // WHEN / THEN
    assertThat(image).hasNoPackageManager();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_package_manager_executable(Source source) {
    // GIVEN
    ContainerImage image = images.open(PACKAGE_MANAGERS, source);
    String first = layer(PACKAGE_MANAGERS, 1);
    String second = layer(PACKAGE_MANAGERS, 2);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoPackageManager())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no package manager%nbut found:%n"
            + "  -rwxr-xr-x 0:0 /opt/bin/zypper from %s, in /opt/bin, on the PATH%n"
            + "  -rwxr-xr-x 0:0 /opt/tools/pkgtool from %s, content identifies dpkg%n"
            + "  -rwxr-xr-x 0:0 /sbin/apk from %s, in /sbin, a standard bin directory%n"
            + "  -rwxr-xr-x 0:0 /usr/bin/apt from %s, in /usr/bin, on the PATH%n"
            + "  lrwxrwxrwx 0:0 /usr/bin/dnf -> dnf-3 from %s, in /usr/bin, on the PATH%n"
            + "  -rwxr-xr-x 0:0 /usr/bin/dnf-3 from %s, in /usr/bin, on the PATH%n"
            + "  -rwxr-xr-x 0:0 /usr/bin/dpkg from %s, in /usr/bin, on the PATH%n"
            + "  -rwx------ 0:0 /usr/local/bin/microdnf from %s, in /usr/local/bin, on the PATH",
            name(image), second, second, first, first, first, first, first, second));
  }
}
