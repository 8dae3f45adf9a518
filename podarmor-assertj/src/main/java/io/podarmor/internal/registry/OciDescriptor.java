package io.podarmor.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Digests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor as the registry API returns it in indexes and referrer lists: media type, digest,
 * size, and the optional {@code artifactType}, {@code annotations} and {@code platform}.
 *
 * <pre>{@code
 * for (OciDescriptor d : client.referrers(ref, digest, null).descriptors()) {
 *   if ("application/vnd.dev.sigstore.bundle.v0.3+json".equals(d.artifactType())) { ... }
 * }
 * }</pre>
 */
public final class OciDescriptor {
  private final String mediaType;
  private final String digest;
  private final long size;
  private final String artifactType;
  private final Map<String, String> annotations;
  private final Platform platform;

  public OciDescriptor(String mediaType, String digest, long size, String artifactType,
      Map<String, String> annotations, Platform platform) {
    this.mediaType = mediaType;
    this.digest = digest;
    this.size = size;
    this.artifactType = artifactType;
    this.annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    this.platform = platform;
  }

  /**
   * Parses one descriptor.
   *
   * @param what names the document in errors
   * @throws ImageException when the digest is missing or not sha256
   */
  public static OciDescriptor parse(JsonNode node, String what) {
    JsonNode d = node.get("digest");
    String digest = Digests.requireSha256(d == null || d.isNull() ? null : d.asText(), what);
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode a = node.get("annotations");
    if (a != null && a.isObject()) {
      a.properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    }
    JsonNode p = node.get("platform");
    Platform platform = p == null || !p.isObject() ? null
        : Platform.of(p.path("os").asText("unknown"), p.path("architecture").asText("unknown"),
            p.hasNonNull("variant") ? p.get("variant").asText() : null);
    return new OciDescriptor(text(node, "mediaType"), digest, node.path("size").asLong(-1),
        text(node, "artifactType"), annotations, platform);
  }

  /** Every entry of {@code manifests} in an index. */
  public static List<OciDescriptor> parseManifests(JsonNode index, String what) {
    List<OciDescriptor> out = new ArrayList<>();
    JsonNode manifests = index.get("manifests");
    if (manifests != null && manifests.isArray()) {
      int i = 0;
      for (JsonNode n : manifests) {
        out.add(parse(n, what + " entry " + i++));
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The media type, or {@code null} when the descriptor has none. */
  public String mediaType() {
    return mediaType;
  }

  public String digest() {
    return digest;
  }

  /** The size in bytes, or -1 when the descriptor gives none. */
  public long size() {
    return size;
  }

  /** The artifact type (OCI 1.1), or {@code null}. */
  public String artifactType() {
    return artifactType;
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  /** The platform, or {@code null}. */
  public Platform platform() {
    return platform;
  }

  @Override
  public String toString() {
    return (artifactType != null ? artifactType : mediaType) + " " + digest;
  }
}
