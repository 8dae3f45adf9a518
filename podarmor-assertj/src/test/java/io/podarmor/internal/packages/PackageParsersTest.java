package io.podarmor.internal.packages;

import static io.podarmor.testing.PackageDatabaseFixtures.rpmHeader;
import static io.podarmor.testing.PackageDatabaseFixtures.rpmPackage;
import static io.podarmor.testing.PackageDatabaseFixtures.rpmdbSqlite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ImageException;
import io.podarmor.image.InstalledPackage;
import io.podarmor.testing.PackageDatabaseFixtures;
import io.podarmor.testing.PackageDatabaseFixtures.Tag;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageParsersTest {
  static final Distro DEBIAN = Distro.parse("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
      + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n");
  static final Distro ALPINE = Distro.parse("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n");
  static final Distro FEDORA = Distro.parse("NAME=\"Fedora Linux\"\nVERSION=\"39 (Container Image)\"\nID=fedora\n"
      + "VERSION_ID=39\n");

  @TempDir Path tmp;

  private static List<String> purls(List<InstalledPackage> packages) {
    return packages.stream().map(InstalledPackage::purl).collect(Collectors.toList());
  }

  @Test
  void dpkg_status_gives_only_installed_packages_with_their_epochs_and_purls() {
    List<InstalledPackage> packages = DpkgStatus.parse("/var/lib/dpkg/status", PackageDatabaseFixtures.DPKG_STATUS,
        DEBIAN, false);
    assertThat(packages).extracting(InstalledPackage::toString).containsExactly(
        "base-files 12.4+deb12u5 amd64 (dpkg /var/lib/dpkg/status)",
        "login 1:4.13+dfsg1-1+b1 amd64 (dpkg /var/lib/dpkg/status)",
        "openssl 3.0.11-1~deb12u2 amd64 (dpkg /var/lib/dpkg/status)");
    assertThat(purls(packages)).containsExactly(
        "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
        "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12",
        "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
  }

  @Test
  void a_distroless_status_d_stanza_needs_no_status_field() {
    assertThat(DpkgStatus.parse("/var/lib/dpkg/status.d/tzdata", PackageDatabaseFixtures.DISTROLESS_TZDATA, DEBIAN,
        true)).extracting(InstalledPackage::purl)
        .containsExactly("pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
  }

  @Test
  void corrupt_dpkg_status_names_the_path_and_the_line() {
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> DpkgStatus.parse("/var/lib/dpkg/status", "Package: a\nStatus: install ok installed\n"
            + "Version: 1\n\nPackage: b\nthis is not a field\n", DEBIAN, false))
        .withMessage("corrupt dpkg database /var/lib/dpkg/status at line 6: expected \"Field: value\"");
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> DpkgStatus.parse("/var/lib/dpkg/status", "\nPackage: a\nStatus: install ok installed\n",
            DEBIAN, false))
        .withMessage("corrupt dpkg database /var/lib/dpkg/status at line 2: package a has no Version field");
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> DpkgStatus.parse("/var/lib/dpkg/status", "Package: a\nVersion: 1\n", DEBIAN, false))
        .withMessage("corrupt dpkg database /var/lib/dpkg/status at line 1: package a has no Status field");
  }

  @Test
  void apk_installed_gives_every_package_with_arch_and_purl() {
    List<InstalledPackage> packages = ApkInstalled.parse("/lib/apk/db/installed",
        PackageDatabaseFixtures.APK_INSTALLED, ALPINE);
    assertThat(purls(packages)).containsExactly(
        "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1",
        "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1",
        "pkg:apk/alpine/alpine-baselayout-data@3.4.3-r2?arch=x86_64&distro=alpine-3.19.1");
  }

  @Test
  void corrupt_apk_installed_names_the_path_and_the_line() {
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> ApkInstalled.parse("/lib/apk/db/installed", "P:musl\nV:1\n\nP:x\nnot apk\n", ALPINE))
        .withMessage("corrupt apk database /lib/apk/db/installed at line 5: expected \"X:value\"");
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> ApkInstalled.parse("/lib/apk/db/installed", "P:musl\nA:x86_64\n", ALPINE))
        .withMessage("corrupt apk database /lib/apk/db/installed at line 1: package musl has no V: line");
  }

  @Test
  void rpm_header_blobs_give_name_version_release_epoch_and_arch() {
    RpmHeader header = RpmHeader.parse(rpmPackage("shadow-utils", "4.14.0", "2.fc39", "x86_64", 2));
    assertThat(header.string(RpmHeader.NAME)).isEqualTo("shadow-utils");
    assertThat(header.string(RpmHeader.RELEASE)).isEqualTo("2.fc39");
    assertThat(header.int32(RpmHeader.EPOCH)).isEqualTo(2L);
    assertThat(header.string(RpmHeader.ARCH)).isEqualTo("x86_64");
  }

  @Test
  void a_broken_rpm_header_says_what_is_wrong() {
    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RpmHeader.parse(new byte[3]))
        .withMessage("header blob of 3 bytes, too short");
    byte[] truncated = java.util.Arrays.copyOf(rpmHeader(Tag.string(1000, "bash")), 28);
    assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RpmHeader.parse(truncated))
        .withMessage("header of 1 entries and 5 data bytes does not fit in 28 bytes");
  }

  @Test
  void rpmdb_sqlite_gives_every_package_but_gpg_pubkey() {
    byte[] db = rpmdbSqlite(tmp,
        rpmPackage("bash", "5.2.15", "5.fc39", "x86_64", null),
        rpmPackage("gpg-pubkey", "18b8e74c", "62f2920f", "", null),
        rpmPackage("shadow-utils", "4.14.0", "2.fc39", "x86_64", 2));
    List<InstalledPackage> packages = RpmSqlite.parse("/usr/lib/sysimage/rpm/rpmdb.sqlite", db, FEDORA);
    assertThat(packages).extracting(InstalledPackage::toString).containsExactly(
        "bash 5.2.15-5.fc39 x86_64 (rpm /usr/lib/sysimage/rpm/rpmdb.sqlite)",
        "shadow-utils 2:4.14.0-2.fc39 x86_64 (rpm /usr/lib/sysimage/rpm/rpmdb.sqlite)");
    assertThat(purls(packages)).containsExactly(
        "pkg:rpm/fedora/bash@5.2.15-5.fc39?arch=x86_64&distro=fedora-39",
        "pkg:rpm/fedora/shadow-utils@4.14.0-2.fc39?arch=x86_64&distro=fedora-39&epoch=2");
  }

  @Test
  void a_corrupt_rpmdb_names_the_path_and_the_entry() {
    byte[] db = rpmdbSqlite(tmp, rpmPackage("bash", "5.2.15", "5.fc39", "x86_64", null), new byte[] {0, 0, 0, 9});
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> RpmSqlite.parse("/var/lib/rpm/rpmdb.sqlite", db, FEDORA))
        .withMessage("corrupt rpm database /var/lib/rpm/rpmdb.sqlite at entry hnum=2: header blob of 4 bytes, "
            + "too short");
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> RpmSqlite.parse("/var/lib/rpm/rpmdb.sqlite", "not a database at all".getBytes(), FEDORA))
        .withMessageStartingWith("cannot read the rpm database /var/lib/rpm/rpmdb.sqlite as sqlite "
            + "(table Packages(hnum, blob)): ");
  }
}
