package io.podarmor.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.MediaTypes;
import java.util.List;
import java.util.Map;

/**
 * An OCI or Docker manifest, PodArmor's one model of it for images and for the artifacts stored beside them
 * (signatures, attestations, SBOMs): its config and layers, and for an OCI 1.1 artifact its {@code artifactType} and
 * {@code subject}. {@link #requireImage} makes sure it is an image's.
 *
 * @param digest       the manifest's digest, as verified by whoever read its bytes
 * @param mediaType    its {@code mediaType}, or {@code null}
 * @param artifactType its OCI 1.1 {@code artifactType}, or {@code null}
 * @param config       its config descriptor, or {@code null} (some artifacts have none)
 * @param layers       its layer descriptors, in order
 * @param subject      the manifest it refers to (an OCI 1.1 referrer), or {@code null}
 * @param annotations  its annotations
 */
public record Manifest(String digest, String mediaType, String artifactType, Descriptor config,
    List<Descriptor> layers, Descriptor subject, Map<String, String> annotations) {

  public Manifest {
    layers = List.copyOf(layers);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * Parses a manifest document.
   *
   * @param what names it in errors, e.g. {@code manifest sha256:… of oci:/tmp/layout}
   * @throws ImageException when it is not an object, is an index, or a field has the wrong type
   */
  public static Manifest parse(JsonNode node, String digest, String what) {
    if (node == null || !node.isObject()) {
      throw new ImageException(what + " is not a JSON object: not a manifest");
    }
    String mediaType = Json.text(node, "mediaType", what, "");
    if (mediaType != null && !MediaTypes.isManifest(mediaType)) {
      throw new ImageException(what + " has media type '" + mediaType + "', expected " + MediaTypes.OCI_MANIFEST
          + " or " + MediaTypes.DOCKER_MANIFEST);
    }
    JsonNode config = Json.object(node, "config", what, "");
    JsonNode subject = Json.object(node, "subject", what, "");
    return new Manifest(digest, mediaType, Json.text(node, "artifactType", what, ""),
        config == null ? null : Descriptor.parse(config, what + " config"),
        Descriptor.parseAll(Json.array(node, "layers", what, ""), what + " layers"),
        subject == null ? null : Descriptor.parse(subject, what + " subject"),
        Json.stringMap(node, "annotations", what, ""));
  }

  /**
   * This manifest, when it is an image's: it has a config of an image config's media type (or none named).
   *
   * @throws ImageException naming it otherwise (an artifact, not an image)
   */
  public Manifest requireImage(String what) {
    if (config == null) {
      throw new ImageException(what + " has no config descriptor: not an image manifest");
    }
    if (config.mediaType() != null && !MediaTypes.OCI_CONFIG.equals(config.mediaType())
        && !MediaTypes.DOCKER_CONFIG.equals(config.mediaType())) {
      throw new ImageException(what + " has config media type '" + config.mediaType() + "', expected "
          + MediaTypes.OCI_CONFIG + " or " + MediaTypes.DOCKER_CONFIG + " (an artifact, not an image?)");
    }
    return this;
  }

  /** True when it is an OCI 1.1 referrer of {@code digest}. */
  public boolean refersTo(String digest) {
    return subject != null && subject.digest().equals(digest);
  }

  /** Its layers of this media type. */
  public List<Descriptor> layersOfType(String layerMediaType) {
    return layers.stream().filter(l -> layerMediaType.equals(l.mediaType())).toList();
  }
}
