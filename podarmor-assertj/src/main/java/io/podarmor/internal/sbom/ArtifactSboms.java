package io.podarmor.internal.sbom;

import io.podarmor.image.ImageException;
import io.podarmor.internal.artifacts.ArtifactStore;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SBOMs in one artifact manifest, wherever it is stored (a registry or an OCI layout): SBOM-typed layers of an
 * SBOM referrer or a {@code cosign attach sbom} manifest, DSSE layers of a cosign {@code .att} manifest, and the
 * bundle layer of a Sigstore bundle referrer whose in-toto predicate is an SBOM. SBOMs read from DSSE envelopes are
 * collected with the attestation they came from.
 */
final class ArtifactSboms {
  static final long MAX_SBOM_BYTES = 64L * 1024 * 1024;
  static final Set<String> SBOM_TYPES = Set.of("application/spdx+json", "text/spdx+json",
      "application/vnd.cyclonedx+json", "application/vnd.syft+json",
      "application/vnd.dev.cosign.artifact.sbom.v1+json");

  private ArtifactSboms() {}

  /**
   * The SBOM layers of {@code manifest} found at {@code where}: with {@code attestations}, only its DSSE layers (a
   * cosign {@code .att} manifest); else its SBOM-typed layers (or every layer of an SBOM-typed artifact) and DSSE
   * layers.
   */
  static void layers(Manifest manifest, String where, ArtifactStore store, SbomCollector out, boolean attestations) {
    String artifactType = manifest.artifactType() == null ? "" : manifest.artifactType();
    int i = 0;
    for (Descriptor d : manifest.layers()) {
      String source = where + " layer " + i++ + " (" + d.digest() + ")";
      boolean dsse = InTotoSboms.DSSE.equals(d.mediaType());
      if (!dsse && (attestations || !SBOM_TYPES.contains(d.mediaType()) && !SBOM_TYPES.contains(artifactType))) {
        continue;
      }
      try {
        byte[] bytes = store.blob(d, MAX_SBOM_BYTES, source);
        if (dsse) {
          InTotoSboms.fromEnvelope(bytes, source).ifPresent(s -> out.attested(
              new SbomAttestation(s, false, source, bytes, d.annotations())));
        } else {
          out.add(SbomParser.parse(bytes, source));
        }
      } catch (IllegalArgumentException | ImageException e) {
        out.reject(e.getMessage());
      }
    }
  }

  /**
   * The SBOM of a Sigstore bundle referrer found at {@code where}, when its DSSE envelope's in-toto predicate is an
   * SBOM (its subject was checked by the walk).
   */
  static void bundle(Manifest manifest, String where, ArtifactStore store, SbomCollector out) {
    for (Descriptor d : manifest.layersOfType(InTotoSboms.BUNDLE_V03)) {
      try {
        byte[] bytes = store.blob(d, MAX_SBOM_BYTES, where + " (" + d.digest() + ")");
        Optional<io.podarmor.supplychain.Sbom> sbom = InTotoSboms.fromBundle(bytes, where);
        sbom.ifPresent(s -> out.attested(new SbomAttestation(s, true, where, bytes, Map.of())));
      } catch (IllegalArgumentException | ImageException e) {
        out.reject(e.getMessage());
      }
    }
  }
}
