package io.podarmor.assertj;

import static io.podarmor.assertj.SourceImages.everySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.InstalledPackage;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ContainerImage#packages()} from every kind of package database, through every source. */
class ContainerImage_packages_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, PackageImages.DPKG, PackageImages.DISTROLESS, PackageImages.APK,
        PackageImages.RPM, PackageImages.BERKELEY_DB, PackageImages.CORRUPT, PackageImages.NONE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> databases() {
    return everySource(
        new Object[] {PackageImages.DPKG, List.of(
            "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
            "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12",
            "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")},
        new Object[] {PackageImages.APK, List.of(
            "pkg:apk/alpine/alpine-baselayout-data@3.4.3-r2?arch=x86_64&distro=alpine-3.19.1",
            "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1",
            "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1")},
        new Object[] {PackageImages.RPM, List.of(
            "pkg:rpm/fedora/bash@5.2.15-5.fc39?arch=x86_64&distro=fedora-39",
            "pkg:rpm/fedora/openssl-libs@3.1.1-4.fc39?arch=x86_64&distro=fedora-39&epoch=1")});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("databases")
  void each_database_gives_every_installed_package_sorted(Source source, TestImage testImage, List<String> purls) {
    ContainerImage image = images.open(testImage, source);
    assertThat(image.packages()).extracting(InstalledPackage::purl).containsExactlyElementsOf(purls);
    assertThat(image.packages()).isSameAs(image.packages());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void dpkg_status_packages_name_their_kind_and_database(Source source) {
    assertThat(images.open(PackageImages.DPKG, source).packages()).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(InstalledPackage.Kind.DPKG);
      assertThat(p.database()).isEqualTo("/var/lib/dpkg/status");
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void distroless_status_d_gives_one_package_per_file_and_skips_md5sums(Source source) {
    ContainerImage image = images.open(PackageImages.DISTROLESS, source);
    assertThat(image.packages()).extracting(InstalledPackage::toString).containsExactly(
        "libc6 2.36-9+deb12u4 amd64 (dpkg /var/lib/dpkg/status.d/libc6)",
        "tzdata 2024a-0+deb12u1 all (dpkg /var/lib/dpkg/status.d/tzdata)");
    assertThat(image.packages().get(0).purl())
        .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void rpmdb_sqlite_is_read_once_even_when_reached_through_a_symlink(Source source) {
    assertThat(images.open(PackageImages.RPM, source).packages()).hasSize(2)
        .extracting(InstalledPackage::database).containsOnly("/usr/lib/sysimage/rpm/rpmdb.sqlite");
  }

  @Test
  void a_registry_image_gives_the_same_packages() {
    TestRegistry registry = TestRegistry.local();
    String rpm = registry.push("packages/rpm", "1",
        TestManifest.of(PackageImages.RPM, TestImage.Compression.GZIP, TestManifest.Format.OCI));
    String distroless = registry.push("packages/distroless", "1",
        TestManifest.of(PackageImages.DISTROLESS, TestImage.Compression.ZSTD, TestManifest.Format.OCI));
    assertThat(ContainerImage.fromRegistry(registry.host() + "/packages/rpm@" + rpm).packages())
        .isEqualTo(images.open(PackageImages.RPM, Source.OCI_LAYOUT).packages());
    assertThat(ContainerImage.fromRegistry(registry.host() + "/packages/distroless@" + distroless).packages())
        .extracting(InstalledPackage::name).containsExactly("libc6", "tzdata");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void an_image_without_a_package_database_has_no_packages(Source source) {
    assertThat(images.open(PackageImages.NONE, source).packages()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void a_berkeley_db_rpm_database_fails_closed(Source source) {
    ContainerImage image = images.open(PackageImages.BERKELEY_DB, source);
    assertThatExceptionOfType(ImageException.class).isThrownBy(image::packages)
        .withMessage(image.reference() + ": cannot read the rpm database /var/lib/rpm/Packages: it is in the "
            + "BerkeleyDB format; only rpm databases in the sqlite format (rpmdb.sqlite) are supported");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void a_corrupt_database_names_the_path_and_the_line(Source source) {
    ContainerImage image = images.open(PackageImages.CORRUPT, source);
    assertThatExceptionOfType(ImageException.class).isThrownBy(image::packages)
        .withMessage(image.reference() + ": corrupt dpkg database /var/lib/dpkg/status at line 6: "
            + "expected \"Field: value\"");
  }
}
