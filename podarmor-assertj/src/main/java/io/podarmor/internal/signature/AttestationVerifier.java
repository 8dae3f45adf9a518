package io.podarmor.internal.signature;

import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import java.util.List;
import java.util.Map;

/**
 * Verifies cosign attestations of an image under a trust policy, with the rules of {@link SignatureVerifier}: a
 * legacy {@code sha256-<hex>.att} layer (a DSSE envelope; its signature in the envelope or in the layer's
 * {@code dev.cosignproject.cosign/signature} annotation) or a Sigstore bundle v0.3 over a DSSE envelope. The
 * envelope's signature must verify over its payload with the policy's key (or keyless, under its trusted root), and
 * the in-toto statement's subject must name the image's manifest digest or the digest of its index.
 *
 * <pre>{@code
 * AttestationVerifier v = AttestationVerifier.of(policy, image.digest(), null);
 * Signature s = v.verifyBundle("referrer sha256:… via referrers API", bundleJson);
 * }</pre>
 */
public final class AttestationVerifier {
  /** Why an attestation does not count, or why none can be checked; the message says it. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  private final SignatureVerifier verifier;

  private AttestationVerifier(SignatureVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * A verifier for the image of this manifest digest, chosen from the index {@code indexDigest} ({@code null} when
   * none).
   *
   * @throws Rejected when the policy's public key cannot be read or used
   */
  public static AttestationVerifier of(TrustPolicy policy, String manifestDigest, String indexDigest)
      throws Rejected {
    List<String> digests = indexDigest == null ? List.of(manifestDigest) : List.of(manifestDigest, indexDigest);
    try {
      return new AttestationVerifier(SignatureVerifier.forAttestations(policy, digests, indexDigest));
    } catch (IllegalArgumentException e) {
      throw new Rejected(e.getMessage());
    }
  }

  /** A legacy {@code .att} layer found at {@code location}: the envelope JSON and the layer's annotations. */
  public Signature verifyLegacy(String location, byte[] envelope, Map<String, String> annotations) throws Rejected {
    return verify(new FoundSignature(Signature.Kind.LEGACY_COSIGN, location, envelope, annotations));
  }

  /** A Sigstore bundle v0.3 document found at {@code location}. */
  public Signature verifyBundle(String location, byte[] bundle) throws Rejected {
    return verify(new FoundSignature(Signature.Kind.SIGSTORE_BUNDLE, location, bundle, Map.of()));
  }

  private Signature verify(FoundSignature found) throws Rejected {
    try {
      return verifier.attestation(found);
    } catch (SignatureVerifier.Rejected e) {
      throw new Rejected(e.getMessage());
    }
  }
}
