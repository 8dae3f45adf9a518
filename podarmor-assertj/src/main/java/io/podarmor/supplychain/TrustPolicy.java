package io.podarmor.supplychain;

import io.podarmor.image.ContainerImage;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whose signature an image must carry: a public key ({@code cosign verify --key}), or a keyless signer identity and
 * OIDC issuer, exact or by regular expression ({@code cosign verify --certificate-identity …
 * --certificate-oidc-issuer …}), checked against a Sigstore {@code trusted_root.json}: given here (offline), served by
 * a TUF repository given here, or by default Sigstore's public-good one, as cosign gets it. Nothing
 * read from the image or the registry ever chooses the key, the root or the identity.
 *
 * <pre>{@code
 * TrustPolicy byKey = TrustPolicy.publicKey(Path.of("cosign.pub"));
 * TrustPolicy byCi = TrustPolicy.keyless("https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main",
 *         "https://token.actions.githubusercontent.com")
 *     .withTrustedRoot(Path.of("trusted_root.json"));
 * assertThat(image).isSignedBy(byCi);
 * }</pre>
 */
public final class TrustPolicy {
  private final Path publicKey;
  private final String identity;
  private final String issuer;
  private final boolean regex;
  private final Path trustedRoot;
  private final URI tufMirror;
  private final Path tufRoot;
  /** The compiled identity and issuer of a regex policy, else {@code null}. */
  private final Pattern identityPattern;
  private final Pattern issuerPattern;

  private TrustPolicy(Path publicKey, String identity, String issuer, boolean regex, Path trustedRoot) {
    this(publicKey, identity, issuer, regex, trustedRoot, null, null);
  }

  private TrustPolicy(Path publicKey, String identity, String issuer, boolean regex, Path trustedRoot, URI tufMirror,
      Path tufRoot) {
    this.tufMirror = tufMirror;
    this.tufRoot = tufRoot;
    this.publicKey = publicKey;
    this.identity = identity;
    this.issuer = issuer;
    this.regex = regex;
    this.trustedRoot = trustedRoot;
    this.identityPattern = regex ? compile(identity, "identityRegex") : null;
    this.issuerPattern = regex ? compile(issuer, "issuerRegex") : null;
  }

  /**
   * Keyless signatures whose Fulcio certificate names exactly this identity (the SAN: an email or URI) and this OIDC
   * issuer; verified against Sigstore's public-good instance unless {@link #withTrustedRoot} or
   * {@link #withTufMirror} says otherwise.
   *
   * <pre>{@code TrustPolicy.keyless("release@acme.example", "https://accounts.google.com")}</pre>
   */
  public static TrustPolicy keyless(String identity, String issuer) {
    return new TrustPolicy(null, requireText(identity, "identity"), requireText(issuer, "issuer"), false, null);
  }

  /**
   * Keyless signatures whose certificate identity and issuer each match a regular expression (whole-string match,
   * like cosign's {@code --certificate-identity-regexp}); trusted as {@link #keyless} is.
   *
   * <pre>{@code TrustPolicy.keylessMatching("https://github\\.com/acme/.*", "https://token\\.actions\\.githubusercontent\\.com")}</pre>
   *
   * @throws IllegalArgumentException when either is not a valid regular expression
   */
  public static TrustPolicy keylessMatching(String identityRegex, String issuerRegex) {
    return new TrustPolicy(null, requireText(identityRegex, "identityRegex"), requireText(issuerRegex, "issuerRegex"),
        true, null);
  }

  /**
   * Signatures made with the private key of this PEM public key (ECDSA P-256, RSA or Ed25519, as
   * {@code cosign generate-key-pair} writes {@code cosign.pub}), checked with the key only unless
   * {@link #withTrustedRoot} also asks for their transparency-log entry. The file is read when a signature is checked.
   *
   * <pre>{@code TrustPolicy.publicKey(Path.of("cosign.pub"))}</pre>
   */
  public static TrustPolicy publicKey(Path pem) {
    return new TrustPolicy(Objects.requireNonNull(pem, "pem"), null, null, false, null);
  }

  /**
   * The same policy, verified against this Sigstore {@code trusted_root.json} (Fulcio CAs, Rekor and CT log keys):
   * used for keyless signatures instead of a TUF-delivered one. A key-based policy with a trusted root is
   * {@code cosign verify --key}'s default: each image signature must also have a transparency-log entry, signed by a
   * Rekor key of this root, that logs this very signature under the policy's key (without a root, as
   * {@code --insecure-ignore-tlog}, the key alone decides; attestations made with a key are verified with the key only).
   *
   * <pre>{@code
   * TrustPolicy.keyless(id, issuer).withTrustedRoot(Path.of("trusted_root.json"))
   * TrustPolicy.publicKey(Path.of("cosign.pub")).withTrustedRoot(Path.of("trusted_root.json"))
   * }</pre>
   */
  public TrustPolicy withTrustedRoot(Path trustedRootJson) {
    return new TrustPolicy(publicKey, identity, issuer, regex, Objects.requireNonNull(trustedRootJson,
        "trustedRootJson"), tufMirror, tufRoot);
  }

  /**
   * The same policy, with keyless signatures verified against the {@code trusted_root.json} this TUF repository
   * serves (a private Sigstore instance's, or a mirror of the public-good one), trusted from its initial
   * {@code root.json} and cached on disk. Without this or {@link #withTrustedRoot}, keyless signatures are verified
   * against Sigstore's public-good instance, its trusted root delivered by TUF as cosign gets it.
   *
   * <pre>{@code
   * TrustPolicy.keyless(id, issuer).withTufMirror(URI.create("https://tuf.acme.example/"), Path.of("root.json"))
   * }</pre>
   *
   * @throws IllegalArgumentException when the mirror is not an http or https URL
   */
  public TrustPolicy withTufMirror(URI mirror, Path initialRootJson) {
    Objects.requireNonNull(mirror, "mirror");
    if (!"https".equals(mirror.getScheme()) && !"http".equals(mirror.getScheme())) {
      throw new IllegalArgumentException("mirror must be an http or https URL, not " + mirror);
    }
    return new TrustPolicy(publicKey, identity, issuer, regex, trustedRoot, mirror,
        Objects.requireNonNull(initialRootJson, "initialRootJson"));
  }

  /**
   * The signatures on this image that verify under this policy (over its digest, or over the index it was chosen
   * from), empty when none does.
   *
   * <pre>{@code TrustPolicy.publicKey(key).verifiedSignatures(image).get(0).signedDigest()}</pre>
   *
   * @throws io.podarmor.image.ImageException when the signatures cannot be looked up (e.g. an engine image)
   */
  public List<Signature> verifiedSignatures(ContainerImage image) {
    return SupplyChainProvider.get().verifiedSignatures(Objects.requireNonNull(image, "image"), this);
  }

  /** The PEM public key signatures must verify with, if this is a key-based policy. */
  public Optional<Path> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  /** The signer identity (exact, or a regular expression when {@link #isRegex()}), if this is a keyless policy. */
  public Optional<String> identity() {
    return Optional.ofNullable(identity);
  }

  /** The OIDC issuer (exact, or a regular expression when {@link #isRegex()}), if this is a keyless policy. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** Whether identity and issuer are regular expressions. */
  public boolean isRegex() {
    return regex;
  }

  /** The {@code trusted_root.json}, if given. */
  public Optional<Path> trustedRoot() {
    return Optional.ofNullable(trustedRoot);
  }

  /** The TUF repository serving the trusted root, if given ({@link #withTufMirror}). */
  public Optional<URI> tufMirror() {
    return Optional.ofNullable(tufMirror);
  }

  /** The initial {@code root.json} of {@link #tufMirror()}, if given. */
  public Optional<Path> tufRoot() {
    return Optional.ofNullable(tufRoot);
  }

  /** Whether a keyless certificate's identity and issuer satisfy this policy (always, for a key-based policy). */
  public boolean acceptsSigner(String certificateIdentity, String certificateIssuer) {
    if (identity == null) {
      return true;
    }
    if (certificateIdentity == null || certificateIssuer == null) {
      return false;
    }
    if (regex) {
      return identityPattern.matcher(certificateIdentity).matches()
          && issuerPattern.matcher(certificateIssuer).matches();
    }
    return identity.equals(certificateIdentity) && issuer.equals(certificateIssuer);
  }

  /**
   * The policy as failures name it, e.g. {@code public key cosign.pub}, {@code identity alice@example.com, issuer
   * https://accounts.example.com}, {@code identity matching .*@acme\.example, issuer matching https://.*}.
   */
  @Override
  public String toString() {
    if (publicKey != null) {
      return "public key " + publicKey;
    }
    return regex ? "identity matching " + identity + ", issuer matching " + issuer
        : "identity " + identity + ", issuer " + issuer;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  private static Pattern compile(String regex, String name) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid regular expression: " + regex + " ("
          + e.getDescription() + ")", e);
    }
  }
}
