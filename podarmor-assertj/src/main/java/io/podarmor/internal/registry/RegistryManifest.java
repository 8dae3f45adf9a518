package io.podarmor.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.MediaTypes;
import java.io.IOException;

/**
 * A manifest or index as the registry served it: the exact bytes (what digests and signatures cover), their
 * sha256 digest (verified), and the media type.
 *
 * <pre>{@code
 * RegistryManifest m = client.manifest(ImageReference.parse("ghcr.io/acme/api:1"));
 * if (m.isIndex()) { ... m.json().get("manifests") ... }
 * }</pre>
 */
public final class RegistryManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImageReference reference;
  private final String mediaType;
  private final String digest;
  private final byte[] bytes;
  private volatile JsonNode json;

  RegistryManifest(ImageReference reference, String mediaType, String digest, byte[] bytes, JsonNode json) {
    this.reference = reference;
    this.mediaType = mediaType;
    this.digest = digest;
    this.bytes = bytes;
    this.json = json;
  }

  /** The reference it was fetched by, pinned to its digest (the tag, if any, kept). */
  public ImageReference reference() {
    return reference;
  }

  /**
   * The media type: the document's own {@code mediaType} when it has one, else the response's
   * {@code Content-Type}; {@code null} when neither says.
   */
  public String mediaType() {
    return mediaType;
  }

  /** {@code sha256:…} of {@link #bytes()}. */
  public String digest() {
    return digest;
  }

  /** The raw bytes, a copy. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** The parsed document. */
  public JsonNode json() {
    JsonNode j = json;
    if (j == null) {
      j = parse(bytes, "manifest " + digest + " of " + reference);
      json = j;
    }
    return j;
  }

  /** An OCI index or a Docker manifest list. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** An OCI or Docker image manifest (OCI 1.1 artifacts are OCI manifests too). */
  public boolean isManifest() {
    return MediaTypes.isManifest(mediaType);
  }

  /** The OCI 1.1 {@code artifactType}, or {@code null}. */
  public String artifactType() {
    JsonNode a = json().get("artifactType");
    return a == null || a.isNull() ? null : a.asText();
  }

  /** The {@code subject} descriptor of an OCI 1.1 referrer, or {@code null}. */
  public OciDescriptor subject() {
    JsonNode s = json().get("subject");
    return s == null || !s.isObject() ? null : OciDescriptor.parse(s, "subject of manifest " + digest);
  }

  static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ImageException(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ImageException(what + " is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  @Override
  public String toString() {
    return mediaType + " " + digest + " (" + reference + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
