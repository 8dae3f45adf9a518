package io.podarmor.internal.signature;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.internal.artifacts.ArtifactStore;
import io.podarmor.internal.artifacts.Attached;
import io.podarmor.internal.artifacts.LayoutStore;
import io.podarmor.internal.artifacts.RegistryStore;
import io.podarmor.internal.oci.CosignTags;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.internal.registry.ImageReference;
import io.podarmor.internal.registry.Referrers;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryOrigin;
import io.podarmor.internal.source.EngineImageRegistry;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.internal.source.Origin;
import io.podarmor.internal.source.LayoutOrigin;
import io.podarmor.supplychain.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the signature artifacts stored next to an image: cosign's legacy {@code sha256-<hex>.sig} tag and Sigstore
 * bundles attached as OCI 1.1 referrers (the referrers API, else the {@code sha256-<hex>} tag index), for the image
 * manifest's digest and for the digest of the index it was chosen from. In a registry, or in an OCI layout (the
 * same manifests listed in {@code index.json}). The engine and {@code docker save} archives keep no signatures:
 * an engine image with a repo digest is looked up in its registry, after checking that the registry's manifest is
 * the engine's image.
 */
public final class SignatureDiscovery {
  /** Thrown when the image's source cannot hold signatures; the message says why and what to do. */
  public static final class Undecidable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecidable(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final long MAX_ARTIFACT = 4L * 1024 * 1024;

  private SignatureDiscovery() {}

  /**
   * The signatures stored for this image. The registry artifacts of a repository and digest come from
   * {@code fetched} when an earlier lookup of the same check put them there (the index shared by the platforms of
   * one image); those it fetches are added.
   *
   * @throws Undecidable when the source keeps no signatures or cannot be read
   */
  static Discovery discover(ContainerImage image, Map<String, List<FoundSignature>> fetched) {
    Origin origin = ImageFacts.of(image).origin();
    if (origin instanceof Origin.Registry r) {
      RegistryOrigin o = r.registry();
      return inRegistry(o.client(), o.reference(), o.manifestDigest(), o.indexDigest().orElse(null), fetched);
    }
    if (origin instanceof Origin.Layout l) {
      return inLayout(l.layout());
    }
    if (origin instanceof Origin.Engine) {
      return forEngineImage(image, fetched);
    }
    if (origin instanceof Origin.Foreign f) {
      throw new Undecidable(image.reference() + " is a " + f.type() + ", not an image PodArmor read, so it has no "
          + "registry, layout or engine to look for signatures in; open it with ContainerImage.fromRegistry, "
          + "fromOciLayout or fromDaemon");
    }
    throw new Undecidable(image.reference() + " is a docker archive, which keeps no signatures; check the image in"
        + " its registry instead, e.g. ContainerImage.fromRegistry(\"registry/repository@" + image.digest() + "\")");
  }

  // ---- registry or layout: one walk

  private static Discovery inRegistry(RegistryClient client, ImageReference ref, String manifestDigest,
      String indexDigest, Map<String, List<FoundSignature>> fetched) {
    return in(new RegistryStore(client, ref), manifestDigest, indexDigest, fetched, "tags ");
  }

  private static Discovery inLayout(LayoutOrigin origin) {
    return in(new LayoutStore(origin), origin.manifestDigest(), origin.indexDigest().orElse(null), new HashMap<>(),
        "index.json tags ");
  }

  private static Discovery in(ArtifactStore store, String manifestDigest, String indexDigest,
      Map<String, List<FoundSignature>> fetched, String tagsIn) {
    List<String> digests = digests(manifestDigest, indexDigest);
    List<FoundSignature> found = new ArrayList<>();
    try {
      for (String digest : digests) {
        found.addAll(fetched.computeIfAbsent(store.name() + "@" + digest,
            k -> artifacts(new Attached(store, digest))));
      }
    } catch (ImageException e) {
      throw new Undecidable("cannot look up signatures in " + store.name() + ": " + e.getMessage());
    }
    return new Discovery(digests, indexDigest, store.name() + " (" + tagsIn + tagNames(digests)
        + ", sigstore bundle referrers)", found);
  }

  /** The legacy signature layers and sigstore bundle referrers stored for one digest. */
  private static List<FoundSignature> artifacts(Attached attached) {
    List<FoundSignature> found = new ArrayList<>();
    ArtifactStore store = attached.store();
    String tag = CosignTags.signature(attached.digest());
    Optional<Manifest> sig = attached.tag(tag);
    if (sig.isPresent()) {
      List<Descriptor> layers = sig.get().layersOfType(FoundSignature.SIMPLE_SIGNING);
      for (int i = 0; i < layers.size(); i++) {
        Descriptor l = layers.get(i);
        String location = "tag " + tag + ", layer " + (i + 1);
        byte[] payload = store.blob(l, MAX_ARTIFACT, "signature payload " + l.digest() + " (" + location + ") of "
            + store.name());
        found.add(new FoundSignature(Signature.Kind.LEGACY_COSIGN, location, payload, l.annotations()));
      }
    }
    Referrers referrers = attached.referrers(FoundSignature.BUNDLE_V03);
    for (Descriptor d : referrers.descriptors()) {
      String location = "referrer " + d.digest() + switch (referrers.source()) {
        case REFERRERS_API -> " via referrers API";
        case FALLBACK_TAG -> " via tag " + CosignTags.of(attached.digest());
        case LAYOUT_INDEX -> "";
      };
      Optional<Manifest> referrer = attached.referrer(d)
          .filter(m -> FoundSignature.BUNDLE_V03.equals(m.artifactType()));
      if (referrer.isPresent()) {
        for (Descriptor l : referrer.get().layersOfType(FoundSignature.BUNDLE_V03)) {
          byte[] bundle = store.blob(l, MAX_ARTIFACT, "sigstore bundle " + l.digest() + " (" + location + ") of "
              + store.name());
          found.add(new FoundSignature(Signature.Kind.SIGSTORE_BUNDLE, location, bundle, Map.of()));
          break;
        }
      }
    }
    return List.copyOf(found);
  }

  // ---- engine

  private static Discovery forEngineImage(ContainerImage image, Map<String, List<FoundSignature>> fetched) {
    RegistryOrigin o;
    try {
      o = EngineImageRegistry.origin(image);
    } catch (EngineImageRegistry.NotInRegistry e) {
      throw new Undecidable("the local Docker engine keeps no signatures, and " + e.getMessage());
    }
    return inRegistry(o.client(), o.reference(), o.manifestDigest(), o.indexDigest().orElse(null), fetched);
  }

  private static List<String> digests(String manifestDigest, String indexDigest) {
    return indexDigest == null ? List.of(manifestDigest) : List.of(manifestDigest, indexDigest);
  }

  private static String tagNames(List<String> digests) {
    List<String> names = new ArrayList<>();
    digests.forEach(d -> names.add(CosignTags.signature(d)));
    return String.join(", ", names);
  }

}
