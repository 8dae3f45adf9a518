package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.registry.OciDescriptor;
import io.podarmor.internal.source.LayoutOrigin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SBOMs stored next to an image in its OCI layout: {@code index.json} entries whose manifest's {@code subject} is the
 * image (or its index) and whose artifact type is an SBOM type or a Sigstore bundle of an SBOM attestation, and
 * cosign's {@code sha256-<hex>.sbom} / {@code sha256-<hex>.att} manifests listed under that ref name.
 */
final class LayoutSboms {
  private static final long MAX_MANIFEST = 4L * 1024 * 1024;
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private LayoutSboms() {}

  static void find(LayoutOrigin origin, SbomCollector out) {
    String layout = "oci:" + origin.dir();
    List<String> digests = new ArrayList<>(List.of(origin.manifestDigest()));
    origin.indexDigest().ifPresent(digests::add);
    ArtifactSboms.Blobs blobs = (d, what) -> origin.blob(d.digest(), ArtifactSboms.MAX_SBOM_BYTES, what);
    List<OciDescriptor> entries;
    try {
      entries = OciDescriptor.parseManifests(origin.index(MAX_MANIFEST), layout + "/index.json");
    } catch (ImageException e) {
      out.reject(e.getMessage());
      return;
    }
    Map<String, JsonNode> manifests = new HashMap<>(); // read once, though looked at for each digest
    for (String digest : digests) {
      String tag = "sha256-" + Digests.hex(digest);
      out.route("referrers of " + digest + " and cosign tags " + tag + ".sbom, " + tag + ".att in " + layout
          + "/index.json");
      for (OciDescriptor e : entries) {
        if (digests.contains(e.digest()) || !OCI_MANIFEST.equals(e.mediaType())) {
          continue;
        }
        String refName = e.annotations().getOrDefault("org.opencontainers.image.ref.name", "");
        String where = "manifest " + e.digest() + " in " + layout;
        try {
          String name = refName.substring(refName.lastIndexOf(':') + 1);
          if (name.equals(tag + ".sbom") || name.equals(tag + ".att")) {
            boolean att = name.endsWith(".att");
            ArtifactSboms.layers(manifest(origin, e, where, manifests), "cosign tag " + name + " in " + layout, blobs,
                out, att);
            continue;
          }
          String type = e.artifactType() == null ? "" : e.artifactType();
          if (!type.isEmpty() && !ArtifactSboms.SBOM_TYPES.contains(type) && !InTotoSboms.BUNDLE_V03.equals(type)) {
            continue;
          }
          JsonNode m = manifest(origin, e, where, manifests);
          if (!digest.equals(m.path("subject").path("digest").asText(null))) {
            continue;
          }
          type = m.path("artifactType").asText(type);
          if (ArtifactSboms.SBOM_TYPES.contains(type)) {
            ArtifactSboms.layers(m, "referrer " + e.digest() + " in " + layout, blobs, out, false);
          } else if (InTotoSboms.BUNDLE_V03.equals(type)) {
            ArtifactSboms.bundle(m, digest, "sigstore bundle referrer " + e.digest() + " in " + layout, blobs, out);
          }
        } catch (ImageException ex) {
          out.reject(ex.getMessage());
        }
      }
    }
  }

  private static JsonNode manifest(LayoutOrigin origin, OciDescriptor entry, String what,
      Map<String, JsonNode> read) {
    return read.computeIfAbsent(entry.digest(), d -> LayoutOrigin.object(origin.blob(d, MAX_MANIFEST, what), what));
  }
}
