package io.podarmor.internal.source;

import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.MediaTypes;
import io.podarmor.internal.fs.MergedFilesystem;
import io.podarmor.internal.registry.ImageReference;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads an image from a registry, never through the engine: the index or manifest the reference names, the
 * platform's manifest (the host's; else the only one, else the index's first), its config, and on first use its layers, streamed in
 * parallel and verified, into a filesystem cached by image ID.
 */
final class RegistrySource {
  private static final long MAX_CONFIG = 16L * 1024 * 1024;

  private final String reference;
  private final ImageReference ref;
  private final RegistryClient client;

  private RegistrySource(String reference, ImageReference ref, RegistryClient client) {
    this.reference = reference;
    this.ref = ref;
    this.client = client;
  }

  static ContainerImage open(String reference, RegistryClient client, Platform wanted, boolean explicit) {
    String text = reference.trim();
    ImageReference ref = ImageReference.parse(text);
    RegistrySource source = new RegistrySource(text, ref, client);
    return source.image(client.manifest(ref), wanted, explicit);
  }

  private ContainerImage image(RegistryManifest top, Platform wanted, boolean explicit) {
    if (top.isIndex()) {
      String what = "index " + top.digest() + " of " + reference;
      List<Descriptor> manifests = IndexSelector.manifests(top.json(), d -> client.manifest(ref, d).bytes(), what);
      List<Platform> platforms = IndexSelector.platforms(manifests);
      Descriptor chosen = explicit || manifests.stream().anyMatch(d -> d.platform() != null
          && wanted.matches(d.platform())) || manifests.size() < 2
          ? IndexSelector.select(manifests, wanted, explicit, reference)
          : manifests.get(0); // no image for the host: the index's first, so platforms() and forPlatform() work

      RegistryManifest manifest = client.manifest(ref, chosen.digest());
      if (!manifest.isManifest()) {
        throw unknownMediaType("manifest " + manifest.digest() + " (" + chosen.platform() + ") of " + reference,
            manifest);
      }
      return platformImage(manifest, top.digest(), platforms, p -> image(top, p, true));
    }
    if (top.isManifest()) {
      return platformImage(top, null, null, null);
    }
    throw unknownMediaType(reference, top);
  }

  private ContainerImage platformImage(RegistryManifest m, String indexDigest, List<Platform> indexPlatforms,
      java.util.function.Function<Platform, ContainerImage> other) {
    String manifestWhat = "manifest " + m.digest() + " of " + reference;
    Manifest manifest = Manifest.parse(m.json(), m.digest(), manifestWhat).requireImage(manifestWhat);
    Descriptor configDescriptor = manifest.config();
    String configWhat = "config " + configDescriptor.digest() + " of " + reference;
    ParsedConfig config = ParsedConfig.cached(configDescriptor.digest()).orElseGet(() -> ParsedConfig.parse(
        client.blobBytes(ref, configDescriptor.digest(), configDescriptor.size(), MAX_CONFIG, configWhat), configWhat));
    if (config.diffIds.size() != manifest.layers().size()) {
      throw new ImageException(manifestWhat + " lists " + manifest.layers().size() + " layers but its config has "
          + config.diffIds.size() + " diff IDs");
    }
    Platform platform = config.platform;
    List<Platform> platforms = indexPlatforms == null || indexPlatforms.isEmpty() ? List.of(platform)
        : indexPlatforms;
    Supplier<ImageFilesystem> fs = () -> index(manifest, config);
    RegistryOrigin origin = new RegistryOrigin(m.reference(), m.digest(), indexDigest, client);
    return new LoadedImage(reference, m.digest(), config.digest, platform, platforms, () -> config.config, fs,
        other != null ? other : p -> {
          throw new ImageException(reference + " is an image for " + platform + " only (a manifest, not an index),"
              + " so " + p + " is not available");
        }, new Origin.Registry(origin));
  }

  private MergedFilesystem index(Manifest manifest, ParsedConfig config) {
    List<LayerIndexer.Blob> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor layer = manifest.layers().get(i);
      String what = "layer " + (i + 1) + " (" + layer.digest() + ") of " + reference;
      layers.add(new LayerIndexer.Blob(what, layer.digest(), Compression.forLayerMediaType(layer.mediaType(), what),
          config.diffIds.get(i), () -> client.blob(ref, layer.digest(), layer.size(), what), true));
    }
    return LayerIndexer.index(reference, layers);
  }

  private static ImageException unknownMediaType(String what, RegistryManifest m) {
    return new ImageException(what + " has media type '" + m.mediaType() + "', expected an image index ("
        + MediaTypes.OCI_INDEX + ", " + MediaTypes.DOCKER_MANIFEST_LIST + ") or an image manifest ("
        + MediaTypes.OCI_MANIFEST + ", " + MediaTypes.DOCKER_MANIFEST + ")");
  }
}
