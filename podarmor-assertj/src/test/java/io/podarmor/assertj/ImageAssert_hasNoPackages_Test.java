package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_hasNoPackages_Test {
  static final String NO_DATABASE = "no package database found (looked at /var/lib/dpkg/status, "
      + "/var/lib/dpkg/status.d/*, /lib/apk/db/installed, /usr/lib/apk/db/installed, /var/lib/rpm/rpmdb.sqlite, "
      + "/usr/lib/sysimage/rpm/rpmdb.sqlite)";

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, PackageImages.DPKG, PackageImages.DISTROLESS, PackageImages.APK,
        PackageImages.RPM, PackageImages.BERKELEY_DB, PackageImages.NONE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> clean() {
    return SourceImages.everySource(new Object[] {PackageImages.DISTROLESS}, new Object[] {PackageImages.APK},
        new Object[] {PackageImages.RPM}, new Object[] {PackageImages.DPKG});
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clean")
  void passes_when_no_denied_package_is_installed(Source source, TestImage clean) {
    // GIVEN: libssl3 is only configured (deinstall ok config-files) in the dpkg image
    ContainerImage image = images.open(clean, source);
    // WHEN / THEN
    assertThat(image).hasNoPackages("curl", "libssl3", "sudo");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_installed_denied_package_with_version_and_database(Source source) {
    ContainerImage image = images.open(PackageImages.DPKG, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoPackages("openssl", "curl", "login"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have none of the packages:%n  curl, login, openssl%n"
            + "but found:%n"
            + "  login 1:4.13+dfsg1-1+b1 amd64 (dpkg /var/lib/dpkg/status)%n"
            + "  openssl 3.0.11-1~deb12u2 amd64 (dpkg /var/lib/dpkg/status)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_on_rpm_and_apk_packages_too(Source source) {
    ContainerImage rpm = images.open(PackageImages.RPM, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(rpm).hasNoPackages("openssl-libs"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have none of the packages:%n  openssl-libs%n"
            + "but found:%n  openssl-libs 1:3.1.1-4.fc39 x86_64 (rpm /usr/lib/sysimage/rpm/rpmdb.sqlite)",
            name(rpm)));
    ContainerImage apk = images.open(PackageImages.APK, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(apk).hasNoPackages("busybox"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have none of the packages:%n  busybox%n"
            + "but found:%n  busybox 1.36.1-r15 x86_64 (apk /lib/apk/db/installed)", name(apk)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_closed_without_a_package_database(Source source) {
    ContainerImage image = images.open(PackageImages.NONE, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoPackages("openssl"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have none of the packages: openssl%n"
            + "but could not decide:%n  %s", name(image), NO_DATABASE));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_closed_on_a_berkeley_db_rpm_database(Source source) {
    ContainerImage image = images.open(PackageImages.BERKELEY_DB, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoPackages("openssl"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have none of the packages: openssl%n"
            + "but could not decide:%n  cannot read the rpm database /var/lib/rpm/Packages: it is in the BerkeleyDB "
            + "format; only rpm databases in the sqlite format (rpmdb.sqlite) are supported", name(image)));
  }
}
