package io.podarmor.image;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;

/**
 * A package the image's own package database says is installed: its name, version and architecture as the package
 * manager records them, which database kind and file it came from, and its package URL.
 *
 * <pre>{@code
 * image.packages().get(0).purl()  // pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12
 * }</pre>
 *
 * @param name          the package name, e.g. {@code openssl}
 * @param version       the version as the package manager writes it: dpkg's (with its epoch, {@code 1:2.3-4}), apk's
 *                      ({@code 1.2.4-r2}), rpm's version-release ({@code 5.2.15-5.fc39})
 * @param epoch         the rpm epoch, {@code ""} when none (dpkg keeps its epoch in {@code version})
 * @param architecture  e.g. {@code amd64}, {@code all}, {@code x86_64}, {@code noarch}; {@code ""} when not recorded
 * @param kind          the database kind
 * @param database      the database file it came from, e.g. {@code /var/lib/dpkg/status}
 * @param distroId      {@code ID} of the image's os-release, {@code ""} when unknown
 * @param distroVersion {@code VERSION_ID} of the image's os-release, {@code ""} when unknown
 */
public record InstalledPackage(String name, String version, String epoch, String architecture, Kind kind,
    String database, String distroId, String distroVersion) implements Comparable<InstalledPackage> {
  /** The kind of package database a package was read from. */
  public enum Kind {
    /** Debian's {@code /var/lib/dpkg/status} or distroless' {@code /var/lib/dpkg/status.d/*}. */
    DPKG,
    /** Alpine's {@code /lib/apk/db/installed}. */
    APK,
    /** An rpm database in the sqlite format ({@code rpmdb.sqlite}). */
    RPM;

    /** The package URL type: {@code deb}, {@code apk} or {@code rpm}. */
    public String purlType() {
      return this == DPKG ? "deb" : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Comparator<InstalledPackage> ORDER = Comparator.comparing(InstalledPackage::name)
      .thenComparing(InstalledPackage::version).thenComparing(InstalledPackage::architecture)
      .thenComparing(InstalledPackage::database);

  /** Makes the record; no component may be null. */
  public InstalledPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(distroId, "distroId");
    Objects.requireNonNull(distroVersion, "distroVersion");
  }

  /**
   * The package URL (purl spec): type from the database kind, namespace and {@code distro} qualifier from the
   * image's os-release {@code ID} and {@code VERSION_ID}, qualifiers sorted by key.
   *
   * <pre>{@code
   * pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12
   * pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19
   * pkg:rpm/fedora/bash@5.2.15-5.fc39?arch=x86_64&distro=fedora-39&epoch=1
   * }</pre>
   */
  public String purl() {
    StringBuilder purl = new StringBuilder("pkg:").append(kind.purlType()).append('/');
    if (!distroId.isEmpty()) {
      purl.append(encode(distroId.toLowerCase(java.util.Locale.ROOT), false)).append('/');
    }
    purl.append(encode(name, false)).append('@').append(encode(version, true));
    StringBuilder qualifiers = new StringBuilder();
    if (!architecture.isEmpty()) {
      qualifiers.append("&arch=").append(encode(architecture, false));
    }
    if (!distroId.isEmpty()) {
      String distro = distroVersion.isEmpty() ? distroId : distroId + "-" + distroVersion;
      qualifiers.append("&distro=").append(encode(distro, false));
    }
    if (!epoch.isEmpty()) {
      qualifiers.append("&epoch=").append(encode(epoch, false));
    }
    if (qualifiers.length() > 0) {
      purl.append('?').append(qualifiers.substring(1));
    }
    return purl.toString();
  }

  /** Percent-encodes all but the purl spec's unreserved characters (and {@code :} in a version). */
  private static String encode(String s, boolean keepColon) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
          || c == '_' || c == '~' || (keepColon && c == ':')) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  @Override
  public int compareTo(InstalledPackage other) {
    return ORDER.compare(this, other);
  }

  /** {@code name version architecture (kind database)}, e.g. {@code openssl 3.0.11-1 amd64 (dpkg /var/lib/dpkg/status)}. */
  @Override
  public String toString() {
    String v = epoch.isEmpty() ? version : epoch + ":" + version;
    return name + " " + v + (architecture.isEmpty() ? "" : " " + architecture)
        + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + database + ")";
  }
}
