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
 *
 * @param kind           how it is stored
 * @param location       where it was found, e.g. {@code tag sha256-….sig, layer 1} or {@code referrer sha256:…}
 * @param signedDigest   the digest the signed payload names: the image manifest's, or its index's
 * @param identity       the certificate's identity (email or URI SAN) of a keyless signature
 * @param issuer         the certificate's OIDC issuer of a keyless signature
 * @param keyFingerprint {@code sha256:<hex>} of the DER-encoded public key of a key-based signature
 * @param integratedTime when the transparency log integrated the signature, if it carries a log entry
 */
public record Signature(Kind kind, String location, String signedDigest, Optional<String> identity,
    Optional<String> issuer, Optional<String> keyFingerprint, Optional<Instant> integratedTime) {
  /** How the signature is stored next to the image. */
  public enum Kind {
    /** cosign's {@code sha256-<hex>.sig} tag: a simple-signing payload layer with signature annotations. */
    LEGACY_COSIGN,
    /** A Sigstore bundle ({@code application/vnd.dev.sigstore.bundle.v0.3+json}) attached as an OCI referrer. */
    SIGSTORE_BUNDLE
  }

  /** Makes the record; a signature has an identity with its issuer, or a key fingerprint. */
  public Signature {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(signedDigest, "signedDigest");
    if (identity.isPresent() == keyFingerprint.isPresent() || identity.isPresent() != issuer.isPresent()) {
      throw new IllegalArgumentException("A signature has an identity and an issuer, or a key fingerprint");
    }
  }

  /**
   * A keyless signature by this certificate identity and issuer.
   *
   * @param integratedTime when the transparency log recorded it, or {@code null}
   */
  public static Signature keyless(Kind kind, String location, String signedDigest, String identity, String issuer,
      Instant integratedTime) {
    return new Signature(kind, location, signedDigest, Optional.of(identity), Optional.of(issuer), Optional.empty(),
        Optional.ofNullable(integratedTime));
  }

  /**
   * A signature made with the key of this fingerprint ({@code sha256:<hex>} of the DER public key).
   *
   * @param integratedTime when the transparency log recorded it, or {@code null}
   */
  public static Signature withKey(Kind kind, String location, String signedDigest, String keyFingerprint,
      Instant integratedTime) {
    return new Signature(kind, location, signedDigest, Optional.empty(), Optional.empty(),
        Optional.of(keyFingerprint), Optional.ofNullable(integratedTime));
  }

  /** Whether a Fulcio certificate (not a configured key) carries the signer. */
  public boolean isKeyless() {
    return identity.isPresent();
  }

  /** Who signed, as reports show it: {@code alice@example.com (issuer https://…)} or {@code key sha256:3f5a0c1d2e4b}. */
  public String signer() {
    if (identity.isPresent()) {
      return identity.get() + " (issuer " + issuer.orElseThrow() + ")";
    }
    String key = keyFingerprint.orElseThrow();
    return "key " + key.substring(0, Math.min(key.length(), "sha256:".length() + 12));
  }

  @Override
  public String toString() {
    return (kind == Kind.LEGACY_COSIGN ? "cosign signature" : "sigstore bundle") + " (" + location + ") by "
        + signer() + " over " + signedDigest + integratedTime.map(t -> ", logged " + t).orElse("");
  }
}
