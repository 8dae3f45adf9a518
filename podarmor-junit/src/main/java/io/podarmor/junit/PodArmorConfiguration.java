package io.podarmor.junit;

import io.podarmor.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PodArmor's settings for a test run, read from JUnit configuration parameters (system properties such as
 * {@code -Dpodarmor.image=…}, {@code junit-platform.properties}, Surefire's {@code configurationParameters}) and,
 * where none is set, from environment variables named like the key in upper case with dots and dashes as
 * underscores ({@code podarmor.trust.public-key} is {@code PODARMOR_TRUST_PUBLIC_KEY}). Blank values count as unset.
 *
 * <pre>{@code
 * PodArmorConfiguration config = PodArmorConfiguration.from(extensionContext);
 * config.image()  // Optional[ghcr.io/acme/api:1.4.2] with -Dpodarmor.image=ghcr.io/acme/api:1.4.2
 * }</pre>
 */
public final class PodArmorConfiguration {
  /** The image under test; overrides {@link ImageUnderTest#value()}. */
  public static final String IMAGE = "podarmor.image";
  /**
   * The images a {@link PodArmorFleet} class runs for: references separated by commas, or {@code @<file>} naming a
   * file with one reference per line ({@code #} comments and blank lines ignored).
   */
  public static final String IMAGES = "podarmor.images";
  /** The share of {@link #IMAGES} this run takes, {@code i/n}: the images at positions i, i + n, i + 2n, … (1-based). */
  public static final String SHARD = "podarmor.shard";
  /** The platform to check in a multi-platform image, e.g. {@code linux/arm64}. */
  public static final String PLATFORM = "podarmor.platform";
  /** Where the hardening report goes. */
  public static final String REPORT_DIR = "podarmor.report.dir";
  /** The signer identity (certificate SAN) a keyless signature must have. */
  public static final String TRUST_IDENTITY = "podarmor.trust.identity";
  /** The OIDC issuer a keyless signature's certificate must name. */
  public static final String TRUST_ISSUER = "podarmor.trust.issuer";
  /** A PEM public key that signatures must verify with. */
  public static final String TRUST_PUBLIC_KEY = "podarmor.trust.public-key";
  /** A Sigstore {@code trusted_root.json}, for offline verification. */
  public static final String TRUST_TRUSTED_ROOT = "podarmor.trust.trusted-root";

  private final Function<String, Optional<String>> parameters;
  private final Map<String, String> environment;

  private PodArmorConfiguration(Function<String, Optional<String>> parameters, Map<String, String> environment) {
    this.parameters = parameters;
    this.environment = Map.copyOf(environment);
  }

  /** The run's configuration, read once and kept in the root context's store. */
  public static PodArmorConfiguration from(ExtensionContext context) {
    return Stores.computeIfAbsent(context.getRoot().getStore(PodArmorExtension.NAMESPACE),
        PodArmorConfiguration.class, k -> of(context::getConfigurationParameter, System.getenv()),
        PodArmorConfiguration.class);
  }

  /** A configuration over the given parameters and environment (for tests and other launchers). */
  public static PodArmorConfiguration of(Function<String, Optional<String>> parameters,
      Map<String, String> environment) {
    return new PodArmorConfiguration(Objects.requireNonNull(parameters, "parameters"),
        Objects.requireNonNull(environment, "environment"));
  }

  /** The environment variable that can set {@code key}: {@code podarmor.report.dir} → {@code PODARMOR_REPORT_DIR}. */
  public static String environmentVariable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value of a key: the configuration parameter, else the environment variable; trimmed, blank is unset. */
  public Optional<String> get(String key) {
    Optional<String> parameter = parameters.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    if (parameter.isPresent()) {
      return parameter;
    }
    return Optional.ofNullable(environment.get(environmentVariable(key))).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * Where the value of a key comes from, for messages: {@code configuration parameter podarmor.image} or
   * {@code environment variable PODARMOR_IMAGE}; empty when unset.
   */
  public Optional<String> sourceOf(String key) {
    if (parameters.apply(key).filter(v -> !v.isBlank()).isPresent()) {
      return Optional.of("configuration parameter " + key);
    }
    return get(key).map(v -> "environment variable " + environmentVariable(key));
  }

  /** {@value #IMAGE}. */
  public Optional<String> image() {
    return get(IMAGE);
  }

  /**
   * {@value #PLATFORM}, parsed.
   *
   * @throws ExtensionConfigurationException when it is not {@code os/architecture[/variant]}
   */
  public Optional<Platform> platform() {
    Optional<String> value = get(PLATFORM);
    try {
      return value.map(Platform::parse);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("Invalid " + sourceOf(PLATFORM).orElse(PLATFORM) + " '"
          + value.get() + "': expected os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8");
    }
  }

  /**
   * {@value #IMAGES}, read (an {@code @<file>} read from the file), in order, duplicates dropped; empty when unset.
   *
   * @throws ExtensionConfigurationException when the file cannot be read or names no image
   */
  public List<String> images() {
    Optional<String> value = get(IMAGES);
    if (value.isEmpty()) {
      return List.of();
    }
    String where = sourceOf(IMAGES).orElse(IMAGES);
    List<String> entries;
    if (value.get().startsWith("@")) {
      Path file;
      try {
        file = Path.of(value.get().substring(1).strip());
        entries = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException | InvalidPathException e) {
        throw new ExtensionConfigurationException("Invalid " + where + " '" + value.get() + "': cannot read the"
            + " file of image references (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      }
    } else {
      entries = List.of(value.get().split(","));
    }
    Set<String> images = new LinkedHashSet<>();
    for (String entry : entries) {
      String line = entry.strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        images.add(line);
      }
    }
    if (images.isEmpty()) {
      throw new ExtensionConfigurationException("Invalid " + where + " '" + value.get() + "': it names no image");
    }
    return List.copyOf(images);
  }

  /**
   * {@value #SHARD}, parsed: {@code [i, n]}, or {@code [1, 1]} when unset.
   *
   * @throws ExtensionConfigurationException unless it is {@code i/n} with 1 ≤ i ≤ n
   */
  public int[] shard() {
    Optional<String> value = get(SHARD);
    if (value.isEmpty()) {
      return new int[] {1, 1};
    }
    String[] parts = value.get().split("/", -1);
    try {
      if (parts.length == 2) {
        int i = Integer.parseInt(parts[0].strip());
        int n = Integer.parseInt(parts[1].strip());
        if (i >= 1 && i <= n) {
          return new int[] {i, n};
        }
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new ExtensionConfigurationException("Invalid " + sourceOf(SHARD).orElse(SHARD) + " '" + value.get()
        + "': expected i/n with 1 <= i <= n, e.g. 2/8 for the second of eight shards");
  }

  /** {@value #REPORT_DIR}. */
  public Optional<Path> reportDir() {
    return path(REPORT_DIR);
  }

  /** {@value #TRUST_IDENTITY}. */
  public Optional<String> trustIdentity() {
    return get(TRUST_IDENTITY);
  }

  /** {@value #TRUST_ISSUER}. */
  public Optional<String> trustIssuer() {
    return get(TRUST_ISSUER);
  }

  /** {@value #TRUST_PUBLIC_KEY}. */
  public Optional<Path> trustPublicKey() {
    return path(TRUST_PUBLIC_KEY);
  }

  /** {@value #TRUST_TRUSTED_ROOT}. */
  public Optional<Path> trustTrustedRoot() {
    return path(TRUST_TRUSTED_ROOT);
  }

  private Optional<Path> path(String key) {
    Optional<String> value = get(key);
    try {
      return value.map(Path::of);
    } catch (InvalidPathException e) {
      throw new ExtensionConfigurationException("Invalid " + sourceOf(key).orElse(key) + " '" + value.get()
          + "': not a file system path (" + e.getReason() + ")");
    }
  }
}
