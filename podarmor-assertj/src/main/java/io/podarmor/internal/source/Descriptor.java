package io.podarmor.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
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
  /** The OCI 1.1 {@code artifactType}, or {@code null}. */
  final String artifactType;
  /** For a manifest found below a nested index, that index's digest; else {@code null}. */
  final String parentIndex;

  Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations) {
    this(mediaType, digest, size, platform, annotations, null);
  }

  Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations,
      String artifactType) {
    this(mediaType, digest, size, platform, annotations, artifactType, null);
  }

  private Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations,
      String artifactType, String parentIndex) {
    this.mediaType = mediaType;
    this.digest = digest;
    this.size = size;
    this.platform = platform;
    this.annotations = annotations;
    this.artifactType = artifactType;
    this.parentIndex = parentIndex;
  }

  /** This descriptor as listed below the nested index {@code parent}, taking its platform when it has none. */
  Descriptor below(Descriptor parent) {
    return new Descriptor(mediaType, digest, size, platform == null ? parent.platform : platform, annotations,
        artifactType, parent.digest);
  }

  static Descriptor parse(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new ImageException(what + " is not a JSON object: not a descriptor");
    }
    String digest = Digests.requireSha256(Json.requireText(node, "digest", what, ""), what);
    JsonNode p = Json.object(node, "platform", what, "");
    Platform platform = p == null ? null
        : Platform.of(orUnknown(Json.text(p, "os", what, "platform")),
            orUnknown(Json.text(p, "architecture", what, "platform")), Json.text(p, "variant", what, "platform"));
    Long size = Json.number(node, "size", what, "");
    return new Descriptor(Json.text(node, "mediaType", what, ""), digest, size == null ? -1 : size, platform,
        Json.stringMap(node, "annotations", what, ""), Json.text(node, "artifactType", what, ""));
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
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

  /**
   * A signature, attestation or other artifact stored next to images in a layout's {@code index.json}, not an image:
   * an OCI 1.1 artifact ({@code artifactType}), a cosign tag ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}
   * as {@code org.opencontainers.image.ref.name}), or a {@code cosign save} entry of a kind other than the image.
   */
  boolean isSupplyChainArtifact() {
    String refName = annotations.getOrDefault("org.opencontainers.image.ref.name", "");
    String kind = annotations.getOrDefault("kind", "");
    return artifactType != null || refName.matches("(?:.*:)?sha256-[0-9a-f]{64}(?:\\.(?:sig|att|sbom))?")
        || (kind.startsWith("dev.cosignproject.cosign/") && !kind.equals("dev.cosignproject.cosign/image"));
  }

  @Override
  public String toString() {
    return digest + (platform == null ? "" : " (" + platform + ")");
  }
}
