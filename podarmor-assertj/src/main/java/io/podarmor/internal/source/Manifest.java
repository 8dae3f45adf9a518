package io.podarmor.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.MediaTypes;
import java.util.List;

/** An image manifest: the config descriptor and the layer descriptors, in order. */
final class Manifest {
  final String digest;
  final Descriptor config;
  final List<Descriptor> layers;

  private Manifest(String digest, Descriptor config, List<Descriptor> layers) {
    this.digest = digest;
    this.config = config;
    this.layers = layers;
  }

  static Manifest parse(JsonNode node, String digest, String what) {
    if (!node.isObject()) {
      throw new ImageException(what + " is not a JSON object: not an image manifest");
    }
    String mediaType = Json.text(node, "mediaType", what, "");
    if (mediaType != null && !MediaTypes.isManifest(mediaType)) {
      throw new ImageException(what + " has media type '" + mediaType + "', expected " + MediaTypes.OCI_MANIFEST
          + " or " + MediaTypes.DOCKER_MANIFEST);
    }
    JsonNode configNode = Json.object(node, "config", what, "");
    if (configNode == null) {
      throw new ImageException(what + " has no config descriptor: not an image manifest");
    }
    Descriptor config = Descriptor.parse(configNode, what + " config");
    if (config.mediaType != null && !MediaTypes.OCI_CONFIG.equals(config.mediaType)
        && !MediaTypes.DOCKER_CONFIG.equals(config.mediaType)) {
      throw new ImageException(what + " has config media type '" + config.mediaType + "', expected "
          + MediaTypes.OCI_CONFIG + " or " + MediaTypes.DOCKER_CONFIG + " (an artifact, not an image?)");
    }
    return new Manifest(digest, config, Descriptor.parseAll(Json.array(node, "layers", what, ""), what + " layers"));
  }
}
