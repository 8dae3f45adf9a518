package io.podarmor.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.sigstore.KeylessBundles;
import io.podarmor.internal.sigstore.KeylessVerifier;
import io.podarmor.internal.sigstore.SignatureRejected;
import io.podarmor.internal.sigstore.TrustedRoot;
import java.time.Instant;

/**
 * The bridge to the Sigstore verifier ({@code io.podarmor.internal.sigstore}): a keyless signature's certificate
 * chain to a Fulcio CA of the trusted root, its embedded SCT, its transparency-log proof (the Rekor SET of a legacy
 * signature, the inclusion proof and checkpoint of a bundle) and the certificate's validity at the integrated time.
 * The trusted root is loaded by {@link SignatureVerifier} (once per file version); a malformed one makes the check
 * undecidable.
 */
final class KeylessVerification {
  /** A verified keyless signer. */
  record Verified(String identity, String issuer, Instant integratedTime) {}

  /** Why a keyless signature does not verify. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String reason) {
      super(reason, null, false, false);
    }
  }

  private KeylessVerification() {}

  /** A legacy cosign signature: leaf and chain PEM, the payload, its signature and the Rekor bundle annotation. */
  static Verified legacy(TrustedRoot trustedRoot, String certificatePem, String chainPem, byte[] payload,
      byte[] signature, String rekorBundle) throws Failed {
    // the chain annotation is not needed: the trusted root alone supplies the CA chain
    try {
      return verified(new KeylessVerifier(trustedRoot).verifyLegacy(certificatePem, payload, signature, rekorBundle));
    } catch (SignatureRejected e) {
      throw new Failed(e.getMessage());
    }
  }

  /**
   * A Sigstore bundle over a DSSE envelope whose in-toto subject names {@code signedDigest}: its JSON text and its
   * parsed form. sigstore-java verifies it ({@link KeylessBundles}), except a bundle logged as an {@code intoto} entry
   * (cosign 2's attestations), which sigstore-java 2.0.0 does not read: PodArmor's own verifier checks that one.
   */
  static Verified bundle(TrustedRoot trustedRoot, String json, JsonNode bundle, String signedDigest) throws Failed {
    try {
      String kind = bundle.path("verificationMaterial").path("tlogEntries").path(0).path("kindVersion")
          .path("kind").asText("");
      if ("intoto".equals(kind)) {
        return verified(new KeylessVerifier(trustedRoot).verifyBundle(bundle));
      }
      String hex = signedDigest.substring(signedDigest.indexOf(':') + 1);
      return verified(KeylessBundles.verify(trustedRoot, json, bundle, hex));
    } catch (SignatureRejected e) {
      throw new Failed(e.getMessage());
    }
  }

  private static Verified verified(KeylessVerifier.Signer s) {
    return new Verified(s.identity(), s.issuer(), s.integratedTime());
  }
}
