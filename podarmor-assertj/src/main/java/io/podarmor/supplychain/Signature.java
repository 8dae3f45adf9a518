package io.podarmor.supplychain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature found on an image and verified: how it is stored, who made it (a keyless signer's identity and OIDC
 * issuer, or the fingerprint of the public key), which digest it signs and when the transparency log recorded it.
 *
 * <pre>{@code
 * Signature s = TrustPolicy.publicKey(key).verifiedSignatures(image).get(0);
 * s.signer();        // "key sha256:3f5a0c…"
 * s.signedDigest();  // the image's digest, or the digest of the index it was chosen from
 * }</pre>
 */
public final class Signature {
  /** How the signature is stored next to the image. */
  public enum Kind {
    /** cosign's {@code sha256-<hex>.sig} tag: a simple-signing payload layer with signature annotations. */
    LEGACY_COSIGN,
    /** A Sigstore bundle ({@code application/vnd.dev.sigstore.bundle.v0.3+json}) attached as an OCI referrer. */
    SIGSTORE_BUNDLE
  }

  private final Kind kind;
  private final String location;
  private final String signedDigest;
  private final String identity;
  private final String issuer;
  private final String keyFingerprint;
  private final Instant integratedTime;

  private Signature(Kind kind, String location, String signedDigest, String identity, String issuer,
      String keyFingerprint, Instant integratedTime) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.location = Objects.requireNonNull(location, "location");
    this.signedDigest = Objects.requireNonNull(signedDigest, "signedDigest");
    this.identity = identity;
    this.issuer = issuer;
    this.keyFingerprint = keyFingerprint;
    this.integratedTime = integratedTime;
  }

  /**
   * A keyless signature by this certificate identity and issuer.
   *
   * @param integratedTime when the transparency log recorded it, or {@code null}
   */
  public static Signature keyless(Kind kind, String location, String signedDigest, String identity, String issuer,
      Instant integratedTime) {
    return new Signature(kind, location, signedDigest, Objects.requireNonNull(identity, "identity"),
        Objects.requireNonNull(issuer, "issuer"), null, integratedTime);
  }

  /**
   * A signature made with the key of this fingerprint ({@code sha256:<hex>} of the DER public key).
   *
   * @param integratedTime when the transparency log recorded it, or {@code null}
   */
  public static Signature withKey(Kind kind, String location, String signedDigest, String keyFingerprint,
      Instant integratedTime) {
    return new Signature(kind, location, signedDigest, null, null,
        Objects.requireNonNull(keyFingerprint, "keyFingerprint"), integratedTime);
  }

  public Kind kind() {
    return kind;
  }

  /** Where it was found, e.g. {@code tag sha256-….sig, layer 1} or {@code referrer sha256:…}. */
  public String location() {
    return location;
  }

  /** The digest the signed payload names: the image manifest's, or its index's. */
  public String signedDigest() {
    return signedDigest;
  }

  /** Whether a Fulcio certificate (not a configured key) carries the signer. */
  public boolean isKeyless() {
    return identity != null;
  }

  /** The certificate's identity (email or URI SAN) of a keyless signature. */
  public Optional<String> identity() {
    return Optional.ofNullable(identity);
  }

  /** The certificate's OIDC issuer of a keyless signature. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** {@code sha256:<hex>} of the DER-encoded public key of a key-based signature. */
  public Optional<String> keyFingerprint() {
    return Optional.ofNullable(keyFingerprint);
  }

  /** When the transparency log integrated the signature, if it carries a log entry. */
  public Optional<Instant> integratedTime() {
    return Optional.ofNullable(integratedTime);
  }

  /** Who signed, as reports show it: {@code alice@example.com (issuer https://…)} or {@code key sha256:3f5a0c1d2e4b}. */
  public String signer() {
    return identity != null ? identity + " (issuer " + issuer + ")"
        : "key " + keyFingerprint.substring(0, Math.min(keyFingerprint.length(), "sha256:".length() + 12));
  }

  @Override
  public String toString() {
    return (kind == Kind.LEGACY_COSIGN ? "cosign signature" : "sigstore bundle") + " (" + location + ") by "
        + signer() + " over " + signedDigest
        + (integratedTime == null ? "" : ", logged " + integratedTime);
  }
}
