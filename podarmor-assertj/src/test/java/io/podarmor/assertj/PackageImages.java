package io.podarmor.assertj;

import static io.podarmor.testing.PackageDatabaseFixtures.rpmPackage;

import io.podarmor.testing.Layer;
import io.podarmor.testing.PackageDatabaseFixtures;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Test images with real package databases of every kind, and images without one or with a broken one. */
final class PackageImages {
  static final String DEBIAN_OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
      + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";

  /** dpkg status with base-files, login (with an epoch), openssl installed and libssl3 only configured. */
  static final TestImage DPKG = TestImage.named(SourceImages.PREFIX + "packages-dpkg:1")
      .layer(Layer.create()
          .file("/etc/os-release", DEBIAN_OS_RELEASE, 0644)
          .file("/var/lib/dpkg/status", PackageDatabaseFixtures.DPKG_STATUS, 0644));

  /** distroless: one stanza per file under status.d, md5sums beside them, os-release in /usr/lib. */
  static final TestImage DISTROLESS = TestImage.named(SourceImages.PREFIX + "packages-distroless:1")
      .layer(Layer.create()
          .file("/usr/lib/os-release", DEBIAN_OS_RELEASE, 0644)
          .symlink("/etc/os-release", "../usr/lib/os-release")
          .file("/var/lib/dpkg/status.d/libc6", PackageDatabaseFixtures.DISTROLESS_LIBC6, 0644)
          .file("/var/lib/dpkg/status.d/libc6.md5sums", PackageDatabaseFixtures.DISTROLESS_LIBC6_MD5SUMS, 0644)
          .file("/var/lib/dpkg/status.d/tzdata", PackageDatabaseFixtures.DISTROLESS_TZDATA, 0644));

  static final TestImage APK = TestImage.named(SourceImages.PREFIX + "packages-apk:1")
      .layer(Layer.create()
          .file("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n", 0644)
          .file("/lib/apk/db/installed", PackageDatabaseFixtures.APK_INSTALLED, 0644));

  /** Fedora 39 layout: the database under /usr/lib/sysimage/rpm, /var/lib/rpm a symlink to it. */
  static final TestImage RPM = TestImage.named(SourceImages.PREFIX + "packages-rpm:1")
      .layer(Layer.create()
          .file("/etc/os-release", "NAME=\"Fedora Linux\"\nVERSION=\"39 (Container Image)\"\nID=fedora\n"
              + "VERSION_ID=39\n", 0644)
          .file("/usr/lib/sysimage/rpm/rpmdb.sqlite", rpmdb(), 0644)
          .symlink("/var/lib/rpm", "../../usr/lib/sysimage/rpm"));

  /** An old rpm database in the BerkeleyDB format. */
  static final TestImage BERKELEY_DB = TestImage.named(SourceImages.PREFIX + "packages-bdb:1")
      .layer(Layer.create().file("/var/lib/rpm/Packages", new byte[4096], 0644));

  /** A dpkg status file with a line that is no field. */
  static final TestImage CORRUPT = TestImage.named(SourceImages.PREFIX + "packages-corrupt:1")
      .layer(Layer.create().file("/var/lib/dpkg/status",
          "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n\nPackage: dpkg\ngarbage\n", 0644));

  /** No package database at all (a static binary image). */
  static final TestImage NONE = TestImage.named(SourceImages.PREFIX + "packages-none:1")
      .layer(Layer.create().file("/app", "app", 0755).file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n",
          0644));

  private PackageImages() {}

  private static byte[] rpmdb() {
    try {
      java.nio.file.Path dir = Files.createTempDirectory("packages-rpmdb");
      byte[] db = PackageDatabaseFixtures.rpmdbSqlite(dir,
          rpmPackage("bash", "5.2.15", "5.fc39", "x86_64", null),
          rpmPackage("gpg-pubkey", "18b8e74c", "62f2920f", "", null),
          rpmPackage("openssl-libs", "3.1.1", "4.fc39", "x86_64", 1));
      Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
