package io.podarmor.internal.signature;

import io.podarmor.verdict.Verdicts;
import io.podarmor.supplychain.TrustPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The trust policy {@code isSigned()} applies, from {@code podarmor.trust.identity}, {@code .issuer},
 * {@code .public-key} and {@code .trusted-root}: system properties, else {@code PODARMOR_TRUST_*} environment
 * variables; the JUnit extension installs its own lookup (which also reads {@code junit-platform.properties}).
 */
public final class TrustSettings {
  public static final String IDENTITY = "podarmor.trust.identity";
  public static final String ISSUER = "podarmor.trust.issuer";
  public static final String PUBLIC_KEY = "podarmor.trust.public-key";
  public static final String TRUSTED_ROOT = "podarmor.trust.trusted-root";

  /** What is configured: a policy (or none: any valid signature) and the trusted root for keyless signatures. */
  public static final class Configured {
    /** The policy, or {@code null} when only a trusted root (or nothing) is configured. */
    public final TrustPolicy policy;
    /** The trusted root, or {@code null}. */
    public final Path trustedRoot;

    Configured(TrustPolicy policy, Path trustedRoot) {
      this.policy = policy;
      this.trustedRoot = trustedRoot;
    }

    /** How failures name it: the policy, or {@code any valid signature (no trust policy configured)}. */
    public String describe() {
      return policy != null ? String.valueOf(policy) : "any valid signature; no trust policy configured";
    }
  }

  private TrustSettings() {}

  /**
   * The configured trust.
   *
   * @throws IllegalArgumentException naming the setting when the settings are inconsistent or not paths
   */
  public static Configured configured() {
    Optional<String> identity = get(IDENTITY);
    Optional<String> issuer = get(ISSUER);
    Optional<Path> key = path(PUBLIC_KEY);
    Path root = path(TRUSTED_ROOT).orElse(null);
    if (identity.isPresent() != issuer.isPresent()) {
      String set = identity.isPresent() ? IDENTITY : ISSUER;
      String missing = identity.isPresent() ? ISSUER : IDENTITY;
      throw new IllegalArgumentException(set + " is set but " + missing + " is not: a keyless policy needs both"
          + " (as cosign verify needs --certificate-identity and --certificate-oidc-issuer)");
    }
    if (key.isPresent() && identity.isPresent()) {
      throw new IllegalArgumentException("both " + PUBLIC_KEY + " and " + IDENTITY + "/" + ISSUER
          + " are set: configure a key-based or a keyless policy, not both");
    }
    TrustPolicy policy = key.map(TrustPolicy::publicKey)
        .or(() -> identity.map(id -> TrustPolicy.keyless(id, issuer.get())))
        .map(p -> root == null ? p : p.withTrustedRoot(root))
        .orElse(null);
    return new Configured(policy, root);
  }

  private static Optional<String> get(String key) {
    return Verdicts.setting(key);
  }

  private static Optional<Path> path(String key) {
    Optional<String> value = get(key);
    try {
      return value.map(Path::of);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(key + " '" + value.get() + "' is not a file system path");
    }
  }
}
