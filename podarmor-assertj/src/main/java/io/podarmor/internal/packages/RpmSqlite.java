package io.podarmor.internal.packages;

import io.podarmor.image.ImageException;
import io.podarmor.image.InstalledPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An rpm database in the sqlite format ({@code rpmdb.sqlite}): table {@code Packages(hnum, blob)}, one rpm header
 * blob per package. The retained bytes are written to a temporary directory, read with sqlite-jdbc, and deleted.
 * {@code gpg-pubkey} entries (imported signing keys, not software) are left out, as {@code rpm -qa} users expect.
 */
final class RpmSqlite {
  private RpmSqlite() {}

  static List<InstalledPackage> parse(String path, byte[] database, Distro distro) {
    Path dir;
    try {
      dir = Files.createTempDirectory("podarmor-rpmdb");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for " + path, e);
    }
    try {
      Path file = dir.resolve("rpmdb.sqlite");
      Files.write(file, database);
      return read(path, file, distro);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary copy of " + path, e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The optional dependency that reads sqlite: a consumer adds it when it checks rpm images. */
  static final String DRIVER = "org.xerial:sqlite-jdbc";

  private static List<InstalledPackage> read(String path, Path file, Distro distro) {
    requireDriver(path);
    List<InstalledPackage> packages = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
      while (rows.next()) {
        long hnum = rows.getLong(1);
        RpmHeader header;
        try {
          header = RpmHeader.parse(rows.getBytes(2));
        } catch (IllegalArgumentException e) {
          throw corrupt(path, hnum, e.getMessage());
        }
        String name = header.string(RpmHeader.NAME);
        String version = header.string(RpmHeader.VERSION);
        String release = header.string(RpmHeader.RELEASE);
        if (name == null || name.isEmpty()) {
          throw corrupt(path, hnum, "no NAME tag (1000)");
        }
        if (name.equals("gpg-pubkey")) {
          continue;
        }
        if (version == null || release == null) {
          throw corrupt(path, hnum, "package " + name + " has no VERSION (1001) or RELEASE (1002) tag");
        }
        Long epoch = header.int32(RpmHeader.EPOCH);
        String arch = header.string(RpmHeader.ARCH);
        packages.add(new InstalledPackage(name, version + "-" + release, epoch == null ? "" : epoch.toString(),
            arch == null ? "" : arch, InstalledPackage.Kind.RPM, path, distro.id, distro.versionId));
      }
    } catch (SQLException e) {
      throw new ImageException("cannot read the rpm database " + path + " as sqlite (table Packages(hnum, blob)): "
          + e.getMessage());
    }
    return packages;
  }

  private static ImageException corrupt(String path, long hnum, String what) {
    return new ImageException("corrupt rpm database " + path + " at entry hnum=" + hnum + ": " + what);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a leftover temp file is harmless
    }
  }

  private static void requireDriver(String path) {
    try {
      DriverManager.getDriver("jdbc:sqlite:");
    } catch (SQLException noDriver) {
      throw new ImageException("cannot read the rpm database " + path + ": reading rpm's sqlite database needs "
          + DRIVER + " on the test class path, an optional dependency of PodArmor (add it to check rpm images)");
    }
  }
}
