package io.podarmor.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.registry.ImageReference;
import io.podarmor.internal.registry.OciDescriptor;
import io.podarmor.internal.registry.Referrers;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;
import io.podarmor.internal.source.EngineImageRegistry;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.internal.source.Origin;
import io.podarmor.internal.source.LayoutOrigin;
import io.podarmor.supplychain.Signature;
import java.util.ArrayList;
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

  // ---- registry

  private static Discovery inRegistry(RegistryClient client, ImageReference ref, String manifestDigest,
      String indexDigest, Map<String, List<FoundSignature>> fetched) {
    List<String> digests = digests(manifestDigest, indexDigest);
    List<FoundSignature> found = new ArrayList<>();
    String repository = ref.repositoryName();
    try {
      for (String digest : digests) {
        found.addAll(fetched.computeIfAbsent(repository + "@" + digest, k -> registryArtifacts(client, ref, digest)));
      }
    } catch (ImageException e) {
      throw new Undecidable("cannot look up signatures in " + repository + ": " + e.getMessage());
    }
    return new Discovery(digests, indexDigest, repository + " (tags " + tagNames(digests)
        + ", sigstore bundle referrers)", found);
  }

  /** The legacy signature layers and sigstore bundle referrers stored in the registry for {@code digest}. */
  private static List<FoundSignature> registryArtifacts(RegistryClient client, ImageReference ref, String digest) {
    List<FoundSignature> found = new ArrayList<>();
    String repository = ref.repositoryName();
    String tag = legacyTag(digest);
    Optional<RegistryManifest> sig = client.findManifest(ref, tag);
    if (sig.isPresent()) {
      List<OciDescriptor> layers = layers(sig.get().json(), "tag " + tag + " of " + repository);
      for (int i = 0; i < layers.size(); i++) {
        OciDescriptor l = layers.get(i);
        String location = "tag " + tag + ", layer " + (i + 1);
        byte[] payload = client.blobBytes(ref, l.digest(), l.size(), MAX_ARTIFACT, "signature payload " + l.digest()
            + " (" + location + ") of " + repository);
        found.add(new FoundSignature(Signature.Kind.LEGACY_COSIGN, location, payload, l.annotations()));
      }
    }
    Referrers referrers = client.referrers(ref, digest, FoundSignature.BUNDLE_V03);
    String via = referrers.source() == Referrers.Source.REFERRERS_API ? "referrers API"
        : "tag " + "sha256-" + Digests.hex(digest);
    for (OciDescriptor d : referrers.descriptors()) {
      RegistryManifest m = client.manifest(ref, d.digest());
      String location = "referrer " + d.digest() + " via " + via;
      Optional<byte[]> bundle = bundleLayer(m.json(), digest, location, l -> client.blobBytes(ref, l.digest(),
          l.size(), MAX_ARTIFACT, "sigstore bundle " + l.digest() + " (" + location + ") of " + repository));
      bundle.ifPresent(b -> found.add(new FoundSignature(Signature.Kind.SIGSTORE_BUNDLE, location, b, Map.of())));
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

  // ---- layout

  private static Discovery inLayout(LayoutOrigin origin) {
    String layout = "oci:" + origin.dir();
    List<String> digests = digests(origin.manifestDigest(), origin.indexDigest().orElse(null));
    List<FoundSignature> found = new ArrayList<>();
    try {
      JsonNode index = origin.index(MAX_ARTIFACT);
      List<OciDescriptor> entries = OciDescriptor.parseManifests(index, layout + "/index.json");
      for (String digest : digests) {
        String tag = legacyTag(digest);
        for (OciDescriptor e : entries) {
          String refName = e.annotations().getOrDefault("org.opencontainers.image.ref.name", "");
          if (refName.equals(tag) || refName.endsWith(":" + tag)) {
            List<OciDescriptor> layers = layers(manifest(origin, e.digest(), layout), "tag " + tag + " of " + layout);
            for (int i = 0; i < layers.size(); i++) {
              OciDescriptor l = layers.get(i);
              found.add(new FoundSignature(Signature.Kind.LEGACY_COSIGN, "tag " + tag + ", layer " + (i + 1),
                  blob(origin, l.digest(), layout), l.annotations()));
            }
          } else if (FoundSignature.BUNDLE_V03.equals(e.artifactType())) {
            String location = "referrer " + e.digest();
            JsonNode manifest = manifest(origin, e.digest(), layout);
            JsonNode subject = manifest.path("subject").path("digest");
            if (digest.equals(subject.asText())) {
              bundleLayer(manifest, digest, location, l -> blob(origin, l.digest(), layout)).ifPresent(b ->
                  found.add(new FoundSignature(Signature.Kind.SIGSTORE_BUNDLE, location, b, Map.of())));
            }
          }
        }
      }
    } catch (ImageException e) {
      throw new Undecidable("cannot look up signatures in " + layout + ": " + e.getMessage());
    }
    return new Discovery(digests, origin.indexDigest().orElse(null), layout + " (index.json tags "
        + tagNames(digests) + ", sigstore bundle referrers)", found);
  }

  private static byte[] blob(LayoutOrigin origin, String digest, String layout) {
    return origin.blob(digest, MAX_ARTIFACT, "blob " + digest + " of " + layout);
  }

  private static JsonNode manifest(LayoutOrigin origin, String digest, String layout) {
    String what = "manifest " + digest + " of " + layout;
    return LayoutOrigin.object(origin.blob(digest, MAX_ARTIFACT, what), what);
  }

  // ---- shared

  private interface Fetch {
    byte[] apply(OciDescriptor layer);
  }

  /** The simple-signing layers of a legacy signature manifest. */
  private static List<OciDescriptor> layers(JsonNode manifest, String what) {
    List<OciDescriptor> out = new ArrayList<>();
    JsonNode layers = manifest.get("layers");
    if (layers != null && layers.isArray()) {
      int i = 0;
      for (JsonNode n : layers) {
        OciDescriptor l = OciDescriptor.parse(n, what + " layer " + ++i);
        if (FoundSignature.SIMPLE_SIGNING.equals(l.mediaType())) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** The bundle layer of a bundle referrer whose subject is {@code digest}; empty for other referrers. */
  private static Optional<byte[]> bundleLayer(JsonNode manifest, String digest, String location, Fetch fetch) {
    if (!FoundSignature.BUNDLE_V03.equals(manifest.path("artifactType").asText(null))) {
      return Optional.empty();
    }
    if (!digest.equals(manifest.path("subject").path("digest").asText(null))) {
      return Optional.empty(); // listed for another subject (a stale tag index): not this image's
    }
    JsonNode layers = manifest.get("layers");
    if (layers != null && layers.isArray()) {
      for (JsonNode n : layers) {
        OciDescriptor l = OciDescriptor.parse(n, location);
        if (FoundSignature.BUNDLE_V03.equals(l.mediaType())) {
          return Optional.of(fetch.apply(l));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> digests(String manifestDigest, String indexDigest) {
    return indexDigest == null ? List.of(manifestDigest) : List.of(manifestDigest, indexDigest);
  }

  private static String legacyTag(String digest) {
    return "sha256-" + Digests.hex(digest) + ".sig";
  }

  private static String tagNames(List<String> digests) {
    List<String> names = new ArrayList<>();
    digests.forEach(d -> names.add(legacyTag(d)));
    return String.join(", ", names);
  }

}
