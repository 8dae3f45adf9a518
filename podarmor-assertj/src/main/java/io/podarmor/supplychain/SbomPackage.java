package io.podarmor.supplychain;

import java.util.Objects;
import java.util.Optional;

/**
 * One package listed in an SBOM: its name, version and package URL (each may be absent in the document).
 *
 * <p>Example: {@code new SbomPackage("libc6", "2.36-9+deb12u4", "pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64")}.
 */
public final class SbomPackage implements Comparable<SbomPackage> {
  private final String name;
  private final String version;
  private final String purl;

  /** A package; {@code version} and {@code purl} may be {@code null}. */
  public SbomPackage(String name, String version, String purl) {
    this.name = Objects.requireNonNull(name, "name");
    this.version = version;
    this.purl = purl;
  }

  /** The package name. */
  public String name() {
    return name;
  }

  /** The version, when the SBOM states one. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** The package URL, when the SBOM states one. */
  public Optional<String> purl() {
    return Optional.ofNullable(purl);
  }

  @Override
  public int compareTo(SbomPackage o) {
    int c = name.compareTo(o.name);
    return c != 0 ? c : String.valueOf(version).compareTo(String.valueOf(o.version));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SbomPackage p && name.equals(p.name) && Objects.equals(version, p.version)
        && Objects.equals(purl, p.purl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, purl);
  }

  @Override
  public String toString() {
    return version == null ? name : name + " " + version;
  }
}
