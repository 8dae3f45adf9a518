package io.podarmor.image;

import java.util.Locale;
import java.util.Objects;

/**
 * An OCI platform: operating system, architecture and optional variant, written like {@code linux/arm64/v8}.
 *
 * <pre>{@code Platform.parse("linux/amd64").architecture()  // "amd64"}</pre>
 */
public final class Platform {
  private final String os;
  private final String architecture;
  private final String variant;

  private Platform(String os, String architecture, String variant) {
    this.os = Objects.requireNonNull(os, "os");
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.variant = variant == null || variant.isEmpty() ? null : variant;
  }

  /** The platform with the given parts; {@code variant} may be {@code null}. */
  public static Platform of(String os, String architecture, String variant) {
    return new Platform(os, architecture, variant);
  }

  /**
   * Parses {@code os/arch} or {@code os/arch/variant}, as {@code docker --platform} does.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static Platform parse(String text) {
    String[] parts = Objects.requireNonNull(text, "platform").trim().split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid platform '" + text + "': expected os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** The platform of the JVM running this code, in OCI terms ({@code x86_64} is {@code amd64}). */
  public static Platform current() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64":
      case "amd64":
        return new Platform("linux", "amd64", null);
      case "aarch64":
      case "arm64":
        return new Platform("linux", "arm64", null);
      case "ppc64le":
        return new Platform("linux", "ppc64le", null);
      case "s390x":
        return new Platform("linux", "s390x", null);
      default:
        return new Platform("linux", arch, null);
    }
  }

  /** The operating system, as in {@code linux}. */
  public String os() {
    return os;
  }

  /** The CPU architecture, as in {@code amd64}. */
  public String architecture() {
    return architecture;
  }

  /** The variant ({@code v8}, {@code v7}), or {@code null}. */
  public String variant() {
    return variant;
  }

  /** True when os and architecture are equal and the variants are equal or either is absent. */
  public boolean matches(Platform other) {
    return os.equals(other.os)
        && architecture.equals(other.architecture)
        && (variant == null || other.variant == null || variant.equals(other.variant));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Platform)) {
      return false;
    }
    Platform p = (Platform) o;
    return os.equals(p.os) && architecture.equals(p.architecture) && Objects.equals(variant, p.variant);
  }

  @Override
  public int hashCode() {
    return Objects.hash(os, architecture, variant);
  }

  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }
}
