package io.podarmor.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Json;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.MediaTypes;
import java.util.List;

/**
 * A manifest or index as the registry served it: the exact bytes (what digests and signatures cover), their
 * sha256 digest (verified), and the media type.
 *
 * <pre>{@code
 * RegistryManifest m = client.manifest(ImageReference.parse("ghcr.io/acme/api:1"));
 * if (m.isIndex()) { ... m.json().get("manifests") ... }
 * }</pre>
 *
 * @param reference the reference it was fetched by, pinned to its digest (the tag, if any, kept)
 * @param mediaType the document's own {@code mediaType} when it has one, else the response's {@code Content-Type};
 *                  {@code null} when neither says
 * @param digest    {@code sha256:…} of the bytes
 * @param bytes     the raw bytes
 * @param json      the parsed document
 */
public record RegistryManifest(ImageReference reference, String mediaType, String digest, byte[] bytes,
    JsonNode json) {

  /** The raw bytes, a copy. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** An OCI index or a Docker manifest list. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  /** An OCI or Docker image manifest (OCI 1.1 artifacts are OCI manifests too). */
  public boolean isManifest() {
    return MediaTypes.isManifest(mediaType);
  }

  /**
   * The manifest this document is.
   *
   * @throws ImageException when it is an index or not a manifest
   */
  public Manifest manifest() {
    return Manifest.parse(json, digest, "manifest " + digest + " of " + reference.repositoryName());
  }

  /** The entries of this index ({@code manifests}). */
  public List<Descriptor> index(String what) {
    return Descriptor.parseAll(Json.array(json(), "manifests", what, ""), what);
  }

  @Override
  public String toString() {
    return mediaType + " " + digest + " (" + reference + ")";
  }

}
