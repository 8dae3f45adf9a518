package io.podarmor.internal.sbom;

import io.podarmor.supplychain.Sbom;
import java.util.Map;

/**
 * The cosign attestation an SBOM was read from, kept so its signature can be verified later: a legacy
 * {@code sha256-<hex>.att} layer (the DSSE envelope and the layer's annotations) or a Sigstore bundle v0.3.
 *
 * @param sbom the SBOM read from the attestation's in-toto predicate
 * @param bundle true for a Sigstore bundle, false for a legacy {@code .att} DSSE layer
 * @param location where it was found, as failures and the report name it
 * @param content the envelope JSON (legacy) or the bundle JSON
 * @param annotations the legacy layer's annotations; empty for bundles
 */
public record SbomAttestation(Sbom sbom, boolean bundle, String location, byte[] content,
    Map<String, String> annotations) {
  public SbomAttestation {
    annotations = Map.copyOf(annotations);
  }
}
