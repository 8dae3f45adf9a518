package io.podarmor.internal.sbom;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.signature.AttestationVerifier;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.internal.source.Origin;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which of an image's SBOMs came from a signed attestation: read from a cosign attestation (a legacy
 * {@code .att} DSSE layer or a Sigstore bundle) whose signature verifies under the trust policy and whose in-toto
 * subject names the image's manifest (or the index it was chosen from). SBOM files, referrers, {@code .sbom} tags and
 * BuildKit statements are signed by nothing.
 */
public final class AttestedSboms {
  /**
   * The first candidate that verified and its signature, or the reason each did not; {@code undecidable} when the
   * policy's key cannot be used.
   */
  public record Result(Sbom sbom, Signature signature, List<String> rejected, String undecidable) {
    public boolean isAttested() {
      return sbom != null;
    }
  }

  private AttestedSboms() {}

  /**
   * Checks {@code candidates} in order, using the attestations {@code found} recorded for them ({@code null}: none
   * came from discovery, so none is an attestation).
   */
  public static Result check(ContainerImage image, TrustPolicy policy, List<Sbom> candidates,
      SbomDiscovery.Found found) {
    AttestationVerifier verifier;
    try {
      verifier = AttestationVerifier.of(policy, image.digest(), indexDigest(image));
    } catch (AttestationVerifier.Rejected e) {
      return new Result(null, null, List.of(), e.getMessage());
    }
    List<String> rejected = new ArrayList<>();
    for (Sbom sbom : candidates) {
      Optional<SbomAttestation> attestation = found == null ? Optional.empty() : found.attestationOf(sbom);
      if (attestation.isEmpty()) {
        rejected.add(sbom + ": not from a cosign attestation (a sha256-<hex>.att DSSE envelope or a sigstore bundle),"
            + " so nothing signs it");
        continue;
      }
      SbomAttestation a = attestation.get();
      try {
        Signature signature = a.bundle() ? verifier.verifyBundle(a.location(), a.content())
            : verifier.verifyLegacy(a.location(), a.content(), a.annotations());
        return new Result(sbom, signature, List.of(), null);
      } catch (AttestationVerifier.Rejected e) {
        rejected.add(sbom + ": " + e.getMessage());
      }
    }
    return new Result(null, null, rejected, null);
  }

  private static String indexDigest(ContainerImage image) {
    Origin origin = ImageFacts.of(image).origin();
    if (origin instanceof Origin.Registry r) {
      return r.registry().indexDigest().orElse(null);
    }
    return origin instanceof Origin.Layout l ? l.layout().indexDigest().orElse(null) : null;
  }
}
