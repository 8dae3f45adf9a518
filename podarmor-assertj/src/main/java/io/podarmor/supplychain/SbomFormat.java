package io.podarmor.supplychain;

/**
 * An SBOM document format and spec version; {@link #family()} groups the versions of one format.
 *
 * <p>Example: {@code SbomFormat.of("CycloneDX", "1.5")} is {@link #CYCLONEDX_1_5}, whose family is
 * {@link Family#CYCLONEDX}.
 */
public enum SbomFormat {
  /** SPDX 2.3. */
  SPDX_2_3(Family.SPDX, "2.3"),
  /** CycloneDX 1.4. */
  CYCLONEDX_1_4(Family.CYCLONEDX, "1.4"),
  /** CycloneDX 1.5. */
  CYCLONEDX_1_5(Family.CYCLONEDX, "1.5"),
  /** CycloneDX 1.6. */
  CYCLONEDX_1_6(Family.CYCLONEDX, "1.6");

  /** The format family an {@link SbomFormat} belongs to. */
  public enum Family {
    /** The SPDX family. */
    SPDX,
    /** The CycloneDX family. */
    CYCLONEDX;

    /** The family's usual name, e.g. {@code CycloneDX}. */
    public String displayName() {
      return this == SPDX ? "SPDX" : "CycloneDX";
    }
  }

  private final Family family;
  private final String specVersion;

  SbomFormat(Family family, String specVersion) {
    this.family = family;
    this.specVersion = specVersion;
  }

  /** The format family, e.g. {@link Family#SPDX}. */
  public Family family() {
    return family;
  }

  /** The spec version, e.g. {@code 2.3}. */
  public String specVersion() {
    return specVersion;
  }

  /** True when {@code other} is of the same family, whatever its version. */
  public boolean sameFamilyAs(SbomFormat other) {
    return other != null && other.family == family;
  }

  /**
   * The format for a family name and spec version, e.g. {@code of("SPDX", "2.3")}.
   *
   * @throws IllegalArgumentException naming the supported formats when there is none
   */
  public static SbomFormat of(String familyName, String specVersion) {
    for (SbomFormat f : values()) {
      if (f.family.displayName().equalsIgnoreCase(familyName) && f.specVersion.equals(specVersion)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unsupported SBOM format " + familyName + " " + specVersion
        + " (supported: SPDX 2.3, CycloneDX 1.4, 1.5, 1.6)");
  }

  @Override
  public String toString() {
    return family.displayName() + " " + specVersion;
  }
}
