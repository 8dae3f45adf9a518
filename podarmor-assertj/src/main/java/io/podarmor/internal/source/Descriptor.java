package io.podarmor.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Digests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An OCI content descriptor: media type, digest, size, optional platform and annotations. */
final class Descriptor {
  final String mediaType;
  final String digest;
  final long size;
  final Platform platform;
  final Map<String, String> annotations;

  Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations) {
    this.mediaType = mediaType;
    this.digest = digest;
    this.size = size;
    this.platform = platform;
    this.annotations = annotations;
  }

  static Descriptor parse(JsonNode node, String what) {
    String digest = Digests.requireSha256(Json.requireText(node, "digest", what), what);
    JsonNode p = node.get("platform");
    Platform platform = p == null || !p.isObject() ? null
        : Platform.of(p.path("os").asText("unknown"), p.path("architecture").asText("unknown"),
            Json.text(p, "variant"));
    return new Descriptor(Json.text(node, "mediaType"), digest, node.path("size").asLong(-1), platform,
        Json.stringMap(node.get("annotations")));
  }

  static List<Descriptor> parseAll(JsonNode array, String what) {
    List<Descriptor> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      int i = 0;
      for (JsonNode n : array) {
        out.add(parse(n, what + " entry " + i++));
      }
    }
    return out;
  }

  /** BuildKit's attestation manifests sit in an index as {@code unknown/unknown}; they are not platforms. */
  boolean isAttestation() {
    return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
        || (platform != null && "unknown".equals(platform.os()) && "unknown".equals(platform.architecture()));
  }

  @Override
  public String toString() {
    return digest + (platform == null ? "" : " (" + platform + ")");
  }
}
