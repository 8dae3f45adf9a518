package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.registry.OciDescriptor;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SBOMs attached in a registry: BuildKit attestation manifests in the image's index, OCI referrers (with the
 * {@code sha256-<hex>} tag fallback) of an SBOM artifact type or Sigstore bundles whose in-toto predicate is an SBOM,
 * {@code cosign attach sbom} ({@code sha256-<hex>.sbom}) and cosign attestations ({@code sha256-<hex>.att}, DSSE
 * envelopes with an in-toto statement). Signatures are not verified here: attested SBOMs are collected with their
 * attestation, for {@code SbomAssert.isAttestedBy}.
 */
final class RegistrySboms {
  private RegistrySboms() {}

  static void find(RegistryOrigin origin, SbomCollector out) {
    RegistryClient client = origin.client();
    String repo = origin.reference().registry() + "/" + origin.reference().repository();
    ArtifactSboms.Blobs blobs = (d, what) -> client.blobBytes(origin.reference(), d.digest(), d.size(),
        ArtifactSboms.MAX_SBOM_BYTES, what);
    Set<String> digests = new LinkedHashSet<>();
    digests.add(origin.manifestDigest());
    origin.indexDigest().ifPresent(digests::add);
    origin.indexDigest().ifPresent(index -> buildKit(origin, index, repo, out));
    for (String digest : digests) {
      String tag = digest.replace(':', '-');
      out.route("OCI referrers of " + repo + "@" + digest + " (and the " + tag + " tag)");
      try {
        for (OciDescriptor d : client.referrers(origin.reference(), digest, null).descriptors()) {
          String type = String.valueOf(d.artifactType());
          if (ArtifactSboms.SBOM_TYPES.contains(type)) {
            RegistryManifest m = client.manifest(origin.reference(), d.digest());
            ArtifactSboms.layers(m.json(), "referrer " + d.digest(), blobs, out, false);
          } else if (InTotoSboms.BUNDLE_V03.equals(type)) {
            RegistryManifest m = client.manifest(origin.reference(), d.digest());
            ArtifactSboms.bundle(m.json(), digest, "sigstore bundle referrer " + d.digest(), blobs, out);
          }
        }
      } catch (ImageException e) {
        out.reject("referrers of " + digest + ": " + e.getMessage());
      }
      for (String suffix : List.of(".sbom", ".att")) {
        out.route("cosign tag " + repo + ":" + tag + suffix);
        try {
          Optional<RegistryManifest> m = client.findManifest(origin.reference(), tag + suffix);
          if (m.isPresent()) {
            ArtifactSboms.layers(m.get().json(), "cosign tag " + tag + suffix, blobs, out, suffix.equals(".att"));
          }
        } catch (ImageException e) {
          out.reject("cosign tag " + tag + suffix + ": " + e.getMessage());
        }
      }
    }
  }

  /** BuildKit: the index's attestation manifest whose reference digest is this platform's manifest. */
  private static void buildKit(RegistryOrigin origin, String index, String repo, SbomCollector out) {
    out.route("BuildKit attestation manifests in the index " + repo + "@" + index);
    try {
      RegistryManifest idx = origin.client().manifest(origin.reference(), index);
      for (JsonNode entry : idx.json().path("manifests")) {
        JsonNode a = entry.path("annotations");
        if ("attestation-manifest".equals(a.path("vnd.docker.reference.type").asText())
            && origin.manifestDigest().equals(a.path("vnd.docker.reference.digest").asText())) {
          String digest = entry.path("digest").asText();
          RegistryManifest m = origin.client().manifest(origin.reference(), digest);
          int i = 0;
          for (JsonNode layer : m.json().path("layers")) {
            OciDescriptor d = OciDescriptor.parse(layer, "attestation manifest " + digest + " layer " + i);
            String source = "BuildKit attestation " + digest + " layer " + i++ + " (" + d.digest() + ")";
            if (!InTotoSboms.isSbomPredicate(d.annotations().getOrDefault("in-toto.io/predicate-type", ""))) {
              continue;
            }
            try {
              byte[] bytes = origin.client().blobBytes(origin.reference(), d.digest(), d.size(),
                  ArtifactSboms.MAX_SBOM_BYTES, source);
              InTotoSboms.fromStatement(bytes, source).ifPresent(out::add);
            } catch (IllegalArgumentException | ImageException e) {
              out.reject(e.getMessage());
            }
          }
        }
      }
    } catch (ImageException e) {
      out.reject("index " + index + ": " + e.getMessage());
    }
  }
}
