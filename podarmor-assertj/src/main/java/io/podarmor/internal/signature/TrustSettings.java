package io.podarmor.internal.signature;

import io.podarmor.internal.sigstore.TufTrustedRoot;
import io.podarmor.verdict.Verdicts;
import io.podarmor.supplychain.TrustPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The trust policy {@code isSigned()} applies, from {@code podarmor.trust.identity}, {@code .issuer},
 * {@code .public-key} and {@code .trusted-root}, and where a keyless signature's trusted root comes from without one:
 * {@code .tuf-mirror} with {@code .tuf-root}, else Sigstore's public-good TUF repository, cached under
 * {@code .tuf-cache} (default {@code ~/.sigstore/podarmor}): system properties, else {@code PODARMOR_TRUST_*}
 * environment variables; the JUnit extension installs its own lookup (which also reads
 * {@code junit-platform.properties}).
 */
public final class TrustSettings {
  public static final String IDENTITY = "podarmor.trust.identity";
  public static final String ISSUER = "podarmor.trust.issuer";
  public static final String PUBLIC_KEY = "podarmor.trust.public-key";
  public static final String TRUSTED_ROOT = "podarmor.trust.trusted-root";
  public static final String TUF_MIRROR = "podarmor.trust.tuf-mirror";
  public static final String TUF_ROOT = "podarmor.trust.tuf-root";
  public static final String TUF_CACHE = "podarmor.trust.tuf-cache";

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

  /**
   * The TUF repository that serves the trusted root of keyless signatures when none is given: the policy's
   * ({@link TrustPolicy#withTufMirror}), else the configured {@code podarmor.trust.tuf-mirror}, else Sigstore's
   * public-good one; cached under {@code podarmor.trust.tuf-cache}, by default {@code ~/.sigstore/podarmor}.
   *
   * @throws IllegalArgumentException naming the setting when a mirror and its initial root are not both given
   */
  public static TufTrustedRoot.Source tufSource(TrustPolicy policy) {
    Path cache = path(TUF_CACHE).orElseGet(() -> Path.of(System.getProperty("user.home"), ".sigstore", "podarmor"));
    if (policy != null && policy.tufMirror().isPresent()) {
      return new TufTrustedRoot.Source(policy.tufMirror().get(), policy.tufRoot().orElseThrow(), cache);
    }
    Optional<String> mirror = get(TUF_MIRROR);
    Optional<Path> root = path(TUF_ROOT);
    if (mirror.isPresent() != root.isPresent()) {
      throw new IllegalArgumentException(mirror.isPresent()
          ? TUF_MIRROR + " is set but " + TUF_ROOT + " is not: a TUF mirror needs the initial root.json to trust"
          : TUF_ROOT + " is set but " + TUF_MIRROR + " is not: the initial root.json is the root of a TUF mirror");
    }
    if (mirror.isEmpty()) {
      return TufTrustedRoot.Source.publicGood(cache);
    }
    URI uri;
    try {
      uri = new URI(mirror.get());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(TUF_MIRROR + " '" + mirror.get() + "' is not a URL");
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException(TUF_MIRROR + " '" + mirror.get() + "' is not an http or https URL");
    }
    return new TufTrustedRoot.Source(uri, root.get(), cache);
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
