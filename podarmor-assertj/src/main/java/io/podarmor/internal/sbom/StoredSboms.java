package io.podarmor.internal.sbom;

import io.podarmor.image.ImageException;
import io.podarmor.internal.artifacts.ArtifactStore;
import io.podarmor.internal.artifacts.Attached;
import io.podarmor.internal.artifacts.LayoutStore;
import io.podarmor.internal.artifacts.RegistryStore;
import io.podarmor.internal.oci.CosignTags;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;
import io.podarmor.internal.source.LayoutOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SBOMs stored beside an image, in its registry or its OCI layout, found by the walk signatures use too
 * ({@link Attached}): OCI referrers of an SBOM artifact type, Sigstore bundles whose in-toto predicate is an SBOM,
 * {@code cosign attach sbom} ({@code sha256-<hex>.sbom}) and cosign attestations ({@code sha256-<hex>.att}, DSSE
 * envelopes with an in-toto statement); in a registry also BuildKit's attestation manifests in the image's index.
 * Signatures are not verified here: attested SBOMs are collected with their attestation, for
 * {@code SbomAssert.isAttestedBy}.
 */
final class StoredSboms {
  private StoredSboms() {}

  static void inRegistry(RegistryOrigin origin, SbomCollector out) {
    RegistryStore store = new RegistryStore(origin.client(), origin.reference());
    origin.indexDigest().ifPresent(index -> buildKit(origin, index, out));
    find(store, digests(origin.manifestDigest(), origin.indexDigest()), out);
  }

  static void inLayout(LayoutOrigin origin, SbomCollector out) {
    find(new LayoutStore(origin), digests(origin.manifestDigest(), origin.indexDigest()), out);
  }

  private static List<String> digests(String manifest, Optional<String> index) {
    List<String> digests = new ArrayList<>(List.of(manifest));
    index.ifPresent(digests::add);
    return digests;
  }

  private static void find(ArtifactStore store, List<String> digests, SbomCollector out) {
    boolean layout = store instanceof LayoutStore;
    String in = layout ? " in " + store.name() : "";
    for (String digest : digests) {
      Attached attached = new Attached(store, digest);
      String tag = CosignTags.of(digest);
      out.route(layout ? "referrers of " + digest + " and cosign tags " + CosignTags.sbom(digest) + ", "
          + CosignTags.attestation(digest) + " in " + store.name() + "/index.json"
          : "OCI referrers of " + registryName(store) + "@" + digest + " (and the " + tag + " tag)");
      try {
        for (Descriptor d : attached.referrers(null).descriptors()) {
          String type = String.valueOf(d.artifactType());
          if (!ArtifactSboms.SBOM_TYPES.contains(type) && !InTotoSboms.BUNDLE_V03.equals(type)) {
            continue;
          }
          Optional<Manifest> referrer = attached.referrer(d);
          if (referrer.isEmpty()) {
            continue; // listed for another subject (a stale tag index): not this image's
          }
          if (ArtifactSboms.SBOM_TYPES.contains(type)) {
            ArtifactSboms.layers(referrer.get(), "referrer " + d.digest() + in, store, out, false);
          } else {
            ArtifactSboms.bundle(referrer.get(), "sigstore bundle referrer " + d.digest() + in, store, out);
          }
        }
      } catch (ImageException e) {
        out.reject(layout ? e.getMessage() : "referrers of " + digest + ": " + e.getMessage());
      }
      for (String cosignTag : List.of(CosignTags.sbom(digest), CosignTags.attestation(digest))) {
        if (!layout) {
          out.route("cosign tag " + registryName(store) + ":" + cosignTag);
        }
        try {
          Optional<Manifest> m = attached.tag(cosignTag);
          if (m.isPresent()) {
            ArtifactSboms.layers(m.get(), "cosign tag " + cosignTag + in, store, out, cosignTag.endsWith(".att"));
          }
        } catch (ImageException e) {
          out.reject(layout ? e.getMessage() : "cosign tag " + cosignTag + ": " + e.getMessage());
        }
      }
    }
  }

  private static String registryName(ArtifactStore store) {
    RegistryStore registry = (RegistryStore) store;
    return registry.reference().registry() + "/" + registry.reference().repository();
  }

  /** BuildKit: the index's attestation manifest whose reference digest is this platform's manifest. */
  private static void buildKit(RegistryOrigin origin, String index, SbomCollector out) {
    String repo = origin.reference().registry() + "/" + origin.reference().repository();
    RegistryStore store = new RegistryStore(origin.client(), origin.reference());
    out.route("BuildKit attestation manifests in the index " + repo + "@" + index);
    try {
      RegistryManifest idx = origin.client().manifest(origin.reference(), index);
      for (Descriptor entry : idx.index("index " + index + " of " + repo)) {
        if (!"attestation-manifest".equals(entry.annotations().get("vnd.docker.reference.type"))
            || !origin.manifestDigest().equals(entry.annotations().get("vnd.docker.reference.digest"))) {
          continue;
        }
        Manifest m = store.manifest(entry, "attestation manifest " + entry.digest());
        int i = 0;
        for (Descriptor d : m.layers()) {
          String source = "BuildKit attestation " + entry.digest() + " layer " + i++ + " (" + d.digest() + ")";
          if (!InTotoSboms.isSbomPredicate(d.annotations().getOrDefault("in-toto.io/predicate-type", ""))) {
            continue;
          }
          try {
            InTotoSboms.fromStatement(store.blob(d, ArtifactSboms.MAX_SBOM_BYTES, source), source).ifPresent(out::add);
          } catch (IllegalArgumentException | ImageException e) {
            out.reject(e.getMessage());
          }
        }
      }
    } catch (ImageException e) {
      out.reject("index " + index + ": " + e.getMessage());
    }
  }
}
