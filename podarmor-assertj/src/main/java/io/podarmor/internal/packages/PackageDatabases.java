package io.podarmor.internal.packages;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.fs.MergedFilesystem;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds and reads the image's own package databases: dpkg ({@code /var/lib/dpkg/status}, distroless'
 * {@code /var/lib/dpkg/status.d/*}), apk ({@code /lib/apk/db/installed}) and rpm in the sqlite format. An rpm
 * database in the BerkeleyDB or ndb format cannot be read: that is an error, never an empty list.
 */
public final class PackageDatabases {
  private static final String DPKG_STATUS = "/var/lib/dpkg/status";
  private static final String DPKG_STATUS_D = "/var/lib/dpkg/status.d";
  private static final List<String> APK = List.of("/lib/apk/db/installed", "/usr/lib/apk/db/installed");
  private static final List<String> RPM_DIRS = List.of("/usr/lib/sysimage/rpm", "/var/lib/rpm");
  private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");

  /** Every place looked at, for "no package database found" messages. */
  public static final String LOOKED_AT = String.join(", ", DPKG_STATUS, DPKG_STATUS_D + "/*", APK.get(0), APK.get(1),
      "/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite");

  /** What the layer pass keeps for these checks: os-release and the databases (rpm's sqlite may be larger). */
  public static final List<RetainedFiles> RETAINED = List.of(
      new RetainedFiles("os-release", OS_RELEASE::contains, 16L << 20),
      new RetainedFiles("package databases",
          path -> path.equals(DPKG_STATUS) || path.startsWith(DPKG_STATUS_D + "/") || APK.contains(path), 16L << 20),
      new RetainedFiles("package databases",
          path -> RPM_DIRS.stream().anyMatch(dir -> path.equals(dir + "/rpmdb.sqlite")), 64L << 20));

  private PackageDatabases() {}

  /** What the databases hold. */
  public static final class Inventory {
    private final List<String> databases;
    private final List<InstalledPackage> packages;

    Inventory(List<String> databases, List<InstalledPackage> packages) {
      this.databases = List.copyOf(databases);
      this.packages = packages.stream().sorted().collect(Collectors.toUnmodifiableList());
    }

    /** The database files found (status.d as its directory), in the order read; empty when the image has none. */
    public List<String> databases() {
      return databases;
    }

    /** Every installed package, sorted by name, version, architecture and database. */
    public List<InstalledPackage> packages() {
      return packages;
    }
  }

  /**
   * Reads every package database of the filesystem.
   *
   * @throws ImageException naming the database and the line or entry when one is corrupt, or when an rpm database
   *     is not in the sqlite format
   */
  public static Inventory read(ImageFilesystem fs) {
    Distro distro = distro(fs);
    List<String> databases = new ArrayList<>();
    List<InstalledPackage> packages = new ArrayList<>();
    Optional<FileEntry> status = regularFile(fs, DPKG_STATUS);
    if (status.isPresent()) {
      String path = status.get().path();
      databases.add(path);
      packages.addAll(DpkgStatus.parse(path, fs.readString(path), distro, false));
    }
    Optional<FileEntry> statusD = fs.resolve(DPKG_STATUS_D).filter(FileEntry::isDirectory);
    if (statusD.isPresent()) {
      String dir = statusD.get().path() + "/";
      List<FileEntry> stanzas = fs.entries().stream()
          .filter(e -> e.path().startsWith(dir) && e.path().indexOf('/', dir.length()) < 0)
          .filter(FileEntry::isRegularFile)
          .filter(e -> !e.path().endsWith(".md5sums"))
          .collect(Collectors.toList());
      databases.add(statusD.get().path());
      for (FileEntry stanza : stanzas) {
        packages.addAll(DpkgStatus.parse(stanza.path(), fs.readString(stanza.path()), distro, true));
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String apk : APK) {
      Optional<FileEntry> db = regularFile(fs, apk);
      if (db.isPresent() && seen.add(db.get().path())) {
        databases.add(db.get().path());
        packages.addAll(ApkInstalled.parse(db.get().path(), fs.readString(db.get().path()), distro));
      }
    }
    for (String dir : RPM_DIRS) {
      Optional<FileEntry> sqlite = regularFile(fs, dir + "/rpmdb.sqlite");
      if (sqlite.isPresent()) {
        String path = sqlite.get().path();
        if (seen.add(path)) {
          databases.add(path);
          packages.addAll(RpmSqlite.parse(path, bytes(fs, path), distro));
        }
        continue;
      }
      for (String legacy : List.of(dir + "/Packages", dir + "/Packages.db")) {
        if (regularFile(fs, legacy).isPresent()) {
          throw new ImageException("cannot read the rpm database " + legacy + ": it is in the "
              + (legacy.endsWith(".db") ? "ndb" : "BerkeleyDB") + " format; only rpm databases in the sqlite format"
              + " (rpmdb.sqlite) are supported");
        }
      }
    }
    return new Inventory(databases, packages);
  }

  private static Optional<FileEntry> regularFile(ImageFilesystem fs, String path) {
    try {
      return fs.resolve(path).filter(FileEntry::isRegularFile);
    } catch (ImageException loop) {
      throw new ImageException("cannot read the package database " + path + ": " + loop.getMessage());
    }
  }

  private static byte[] bytes(ImageFilesystem fs, String path) {
    if (fs instanceof MergedFilesystem) {
      return ((MergedFilesystem) fs).readBytes(path);
    }
    throw new ImageException("cannot read the binary rpm database " + path + " from " + fs);
  }

  private static Distro distro(ImageFilesystem fs) {
    for (String path : OS_RELEASE) {
      Optional<FileEntry> osRelease;
      try {
        osRelease = fs.resolve(path).filter(FileEntry::isRegularFile);
      } catch (ImageException loop) {
        continue;
      }
      if (osRelease.isPresent() && fs.hasContent(path)) {
        return Distro.parse(fs.readString(path));
      }
    }
    return Distro.UNKNOWN;
  }
}
