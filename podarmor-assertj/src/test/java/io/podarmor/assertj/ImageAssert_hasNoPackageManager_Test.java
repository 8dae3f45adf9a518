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
  /** Package managers deleted by the second layer; the package database and non-executable namesakes stay. */
  static final TestImage CLEAN = TestImage.named(SourceImages.PREFIX + "pm-clean:1")
      .layer(Layer.create()
          .file("/var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\n", 0644)
          .dir("/usr/lib/apt", 0755)
          .file("/usr/share/bash-completion/completions/apt", "complete -F _apt apt", 0644)
          .file("/etc/logrotate.d/dpkg", "/var/log/dpkg.log {}", 0644)
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
          .file("/usr/local/bin/microdnf", "microdnf", 0700));

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
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoPackageManager())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no package manager%nbut found:%n"
            + "  -rwxr-xr-x 0:0 /sbin/apk from %s%n"
            + "  -rwxr-xr-x 0:0 /usr/bin/apt from %s%n"
            + "  lrwxrwxrwx 0:0 /usr/bin/dnf -> dnf-3 from %s%n"
            + "  -rwxr-xr-x 0:0 /usr/bin/dpkg from %s%n"
            + "  -rwx------ 0:0 /usr/local/bin/microdnf from %s",
            name(image), first, first, first, first, layer(PACKAGE_MANAGERS, 2)));
  }
}
