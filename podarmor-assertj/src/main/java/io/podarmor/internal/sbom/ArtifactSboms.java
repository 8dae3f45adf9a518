package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.registry.OciDescriptor;
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

  /** Fetches a layer's bytes, digest-verified and at most {@link #MAX_SBOM_BYTES}; {@code what} names it in errors. */
  interface Blobs {
    byte[] fetch(OciDescriptor layer, String what);
  }

  private ArtifactSboms() {}

  /**
   * The SBOM layers of {@code manifest} found at {@code where}: with {@code attestations}, only its DSSE layers (a
   * cosign {@code .att} manifest); else its SBOM-typed layers (or every layer of an SBOM-typed artifact) and DSSE
   * layers.
   */
  static void layers(JsonNode manifest, String where, Blobs blobs, SbomCollector out, boolean attestations) {
    String artifactType = manifest.path("artifactType").asText("");
    int i = 0;
    for (JsonNode layer : manifest.path("layers")) {
      OciDescriptor d = OciDescriptor.parse(layer, where + " layer " + i);
      String source = where + " layer " + i++ + " (" + d.digest() + ")";
      boolean dsse = InTotoSboms.DSSE.equals(d.mediaType());
      if (!dsse && (attestations || !SBOM_TYPES.contains(d.mediaType()) && !SBOM_TYPES.contains(artifactType))) {
        continue;
      }
      try {
        byte[] bytes = blobs.fetch(d, source);
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
   * The SBOM of a Sigstore bundle referrer found at {@code where}, when its subject is {@code subjectDigest} and its
   * DSSE envelope's in-toto predicate is an SBOM.
   */
  static void bundle(JsonNode manifest, String subjectDigest, String where, Blobs blobs, SbomCollector out) {
    if (!subjectDigest.equals(manifest.path("subject").path("digest").asText(null))) {
      return; // listed for another subject (a stale tag index): not this image's
    }
    int i = 0;
    for (JsonNode layer : manifest.path("layers")) {
      OciDescriptor d = OciDescriptor.parse(layer, where + " layer " + i++);
      if (!InTotoSboms.BUNDLE_V03.equals(d.mediaType())) {
        continue;
      }
      try {
        byte[] bytes = blobs.fetch(d, where + " (" + d.digest() + ")");
        Optional<io.podarmor.supplychain.Sbom> sbom = InTotoSboms.fromBundle(bytes, where);
        sbom.ifPresent(s -> out.attested(new SbomAttestation(s, true, where, bytes, Map.of())));
      } catch (IllegalArgumentException | ImageException e) {
        out.reject(e.getMessage());
      }
    }
  }
}
