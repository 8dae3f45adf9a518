package io.podarmor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Real package database contents: dpkg status text, distroless status.d stanzas, apk installed, rpmdb.sqlite. */
public final class PackageDatabaseFixtures {
  private PackageDatabaseFixtures() {}

  /** An excerpt of a Debian bookworm {@code /var/lib/dpkg/status}: three installed packages, one only configured. */
  public static final String DPKG_STATUS = String.join("\n",
      "Package: base-files",
      "Essential: yes",
      "Status: install ok installed",
      "Priority: required",
      "Section: admin",
      "Installed-Size: 340",
      "Maintainer: Santiago Vila <sanvila@debian.org>",
      "Architecture: amd64",
      "Multi-Arch: foreign",
      "Version: 12.4+deb12u5",
      "Replaces: base, dpkg (<= 1.15.0), miscutils",
      "Provides: base",
      "Conffiles:",
      " /etc/debian_version 5cc5bfcbc1a5b3d1bc3e9f0b6c3e3f6e",
      " /etc/dot.bashrc 7a0f2c7b0bc2fb1b0e6a1a7b6b5f0d8e",
      "Description: Debian base system miscellaneous files",
      " This package contains the basic filesystem hierarchy of a Debian system, and",
      " several important miscellaneous files, such as /etc/debian_version,",
      " .",
      " /etc/host.conf, /etc/issue, /etc/motd, /etc/profile, and others.",
      "",
      "Package: libssl3",
      "Status: deinstall ok config-files",
      "Priority: optional",
      "Section: libs",
      "Architecture: amd64",
      "Version: 3.0.11-1~deb12u2",
      "Description: Secure Sockets Layer toolkit - shared libraries",
      "",
      "Package: login",
      "Essential: yes",
      "Status: install ok installed",
      "Priority: required",
      "Section: admin",
      "Installed-Size: 2704",
      "Maintainer: Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>",
      "Architecture: amd64",
      "Source: shadow (1:4.13+dfsg1-1)",
      "Version: 1:4.13+dfsg1-1+b1",
      "Pre-Depends: libaudit1 (>= 1:2.2.1), libc6 (>= 2.34), libpam0g (>= 0.99.7.1)",
      "Description: system login tools",
      " This package provides some required infrastructure for logins and for",
      " changing effective user or group IDs.",
      "",
      "Package: openssl",
      "Status: install ok installed",
      "Priority: optional",
      "Section: utils",
      "Architecture: amd64",
      "Version: 3.0.11-1~deb12u2",
      "Description: Secure Sockets Layer toolkit - cryptographic utility",
      "");

  /** A distroless {@code /var/lib/dpkg/status.d/libc6} stanza (no Status field). */
  public static final String DISTROLESS_LIBC6 = String.join("\n",
      "Package: libc6",
      "Version: 2.36-9+deb12u4",
      "Architecture: amd64",
      "Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>",
      "Installed-Size: 12987",
      "Depends: libgcc-s1",
      "Section: libs",
      "Priority: optional",
      "Multi-Arch: same",
      "Homepage: https://www.gnu.org/software/libc/libc.html",
      "Description: GNU C Library: Shared libraries",
      " Contains the standard libraries that are used by nearly all programs on",
      " the system. This package includes shared versions of the standard C library",
      " and the standard math library, as well as many others.",
      "");

  /** A distroless {@code /var/lib/dpkg/status.d/tzdata} stanza. */
  public static final String DISTROLESS_TZDATA = String.join("\n",
      "Package: tzdata",
      "Version: 2024a-0+deb12u1",
      "Architecture: all",
      "Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>",
      "Installed-Size: 2624",
      "Section: localization",
      "Priority: required",
      "Multi-Arch: foreign",
      "Description: time zone and daylight-saving time data",
      "");

  /** A {@code .md5sums} file beside the stanzas (skipped). */
  public static final String DISTROLESS_LIBC6_MD5SUMS =
      "0b8f0f4e2e0c4a7d6b0c9a2b1f3e4d5c  lib/x86_64-linux-gnu/libc.so.6\n";

  /** An excerpt of Alpine 3.19's {@code /lib/apk/db/installed}. */
  public static final String APK_INSTALLED = String.join("\n",
      "C:Q1Js9Qz1Yx1wX5Y7k6iXb4k8rY0Yw=",
      "P:musl",
      "V:1.2.4_git20230717-r4",
      "A:x86_64",
      "S:407128",
      "I:663552",
      "T:the musl c library (libc) implementation",
      "U:https://musl.libc.org/",
      "L:MIT",
      "o:musl",
      "m:Natanael Copa <ncopa@alpinelinux.org>",
      "t:1705335200",
      "c:2c2e2a4d3e3d1f0e0b7c6a9d8f7e6c5b4a3d2e1f",
      "p:so:libc.musl-x86_64.so.1=1",
      "F:lib",
      "R:ld-musl-x86_64.so.1",
      "a:0:0:755",
      "Z:Q1r8Sd5n4f3Ew2Q1Yx1wX5Y7k6iXb4k8rY0=",
      "R:libc.musl-x86_64.so.1",
      "a:0:0:777",
      "Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=",
      "",
      "C:Q1Ov4Rmq7ZC8t0T3Y1Vq1Bf0R6mK8=",
      "P:busybox",
      "V:1.36.1-r15",
      "A:x86_64",
      "S:509434",
      "I:958464",
      "T:Size optimized toolbox of many common UNIX utilities",
      "D:so:libc.musl-x86_64.so.1",
      "F:bin",
      "R:busybox",
      "a:0:0:755",
      "Z:Q1zX4Q3h6v3y8hX5Y7k6iXb4k8rY0Yw=",
      "",
      "C:Q1Wz7c3q7rC8t0T3Y1Vq1Bf0R6mK8=",
      "P:alpine-baselayout-data",
      "V:3.4.3-r2",
      "A:x86_64",
      "T:Alpine base dir structure and init scripts",
      "",
      "");

  /** An rpm header tag for {@link #rpmHeader}. */
  public static final class Tag {
    final int tag;
    final int type;
    final byte[] data;

    private Tag(int tag, int type, byte[] data) {
      this.tag = tag;
      this.type = type;
      this.data = data;
    }

    public static Tag string(int tag, String value) {
      byte[] s = value.getBytes(StandardCharsets.UTF_8);
      byte[] data = new byte[s.length + 1];
      System.arraycopy(s, 0, data, 0, s.length);
      return new Tag(tag, 6, data);
    }

    public static Tag int32(int tag, int value) {
      return new Tag(tag, 4, ByteBuffer.allocate(4).putInt(value).array());
    }
  }

  /** The header blob rpm stores in {@code Packages.blob}: il, dl, index entries, data store (int32 aligned). */
  public static byte[] rpmHeader(Tag... tags) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteBuffer index = ByteBuffer.allocate(16 * tags.length);
    for (Tag t : tags) {
      if (t.type == 4) {
        while (data.size() % 4 != 0) {
          data.write(0);
        }
      }
      index.putInt(t.tag).putInt(t.type).putInt(data.size()).putInt(1);
      data.writeBytes(t.data);
    }
    return ByteBuffer.allocate(8 + index.capacity() + data.size())
        .putInt(tags.length).putInt(data.size()).put(index.array()).put(data.toByteArray()).array();
  }

  /** The header of a package: NAME, VERSION, RELEASE, ARCH and, when not null, EPOCH. */
  public static byte[] rpmPackage(String name, String version, String release, String arch, Integer epoch) {
    List<Tag> tags = new ArrayList<>(List.of(Tag.string(1000, name), Tag.string(1001, version),
        Tag.string(1002, release)));
    if (epoch != null) {
      tags.add(Tag.int32(1003, epoch));
    }
    tags.add(Tag.string(1022, arch));
    return rpmHeader(tags.toArray(new Tag[0]));
  }

  /** An {@code rpmdb.sqlite} as rpm 4.16+ writes it (table {@code Packages(hnum, blob)}), with these header blobs. */
  public static byte[] rpmdbSqlite(Path dir, byte[]... headers) {
    try {
      Path file = Files.createTempFile(dir, "rpmdb", ".sqlite");
      Files.delete(file);
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        try (Statement s = db.createStatement()) {
          s.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
          s.execute("CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, "
              + "FOREIGN KEY (hnum) REFERENCES Packages(hnum))");
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
          for (byte[] header : headers) {
            insert.setBytes(1, header);
            insert.executeUpdate();
          }
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
