package io.podarmor.internal.source;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image read from an OCI image layout came from: the layout directory, the digest of its image manifest,
 * and the digest of the nested index it was chosen from (buildx writes one), so supply-chain checks can find the
 * signatures and referrers stored in the same layout ({@code index} is {@code null} when {@code index.json} lists the
 * manifest itself).
 *
 * <pre>{@code
 * LayoutOrigin o = ((Origin.Layout) ImageFacts.of(image).origin()).layout();
 * o.dir().resolve("index.json");
 * }</pre>
 */
public record LayoutOrigin(Path dir, String manifestDigest, String index) {
  /** The nested index (listed in {@code index.json}) the manifest was chosen from; empty when listed directly. */
  public Optional<String> indexDigest() {
    return Optional.ofNullable(index);
  }

  /**
   * The blob {@code digest} of the layout, at most {@code max} bytes, its sha256 checked: what supply-chain lookups
   * read next to the image (manifests, signatures, SBOMs).
   *
   * @throws ImageException naming {@code what} when the blob is missing, too large or not what its digest says
   */
  public byte[] blob(String digest, long max, String what) {
    Digests.requireSha256(digest, what);
    byte[] bytes = bounded(dir.resolve("blobs").resolve("sha256").resolve(Digests.hex(digest)), max, what);
    if (!Digests.sha256(bytes).equals(digest)) {
      throw new ImageException("Digest mismatch for " + what + ": the content has digest " + Digests.sha256(bytes));
    }
    return bytes;
  }

  /** The layout's {@code index.json}, at most {@code max} bytes, as a JSON object. */
  public JsonNode index(long max) {
    String what = "oci:" + dir + "/index.json";
    return object(bounded(dir.resolve("index.json"), max, what), what);
  }

  /** {@code bytes} as a JSON object, or an {@link ImageException} naming {@code what}. */
  public static JsonNode object(byte[] bytes, String what) {
    JsonNode node = Json.parse(bytes, what);
    if (!node.isObject()) {
      throw new ImageException(what + " is not a JSON object");
    }
    return node;
  }

  private static byte[] bounded(Path path, long max, String what) {
    try {
      if (Files.size(path) > max) {
        throw new ImageException(what + " is larger than " + max + " bytes");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ImageException(what + " is missing or unreadable (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public String toString() {
    return "oci:" + dir + "@" + manifestDigest;
  }
}
