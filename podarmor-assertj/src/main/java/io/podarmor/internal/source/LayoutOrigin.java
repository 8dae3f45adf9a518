package io.podarmor.internal.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image read from an OCI image layout came from: the layout directory, the digest of its image manifest,
 * and the digest of the nested index it was chosen from (buildx writes one), so supply-chain checks can find the
 * signatures and referrers stored in the same layout.
 *
 * <pre>{@code
 * LayoutOrigin o = ImageSources.layoutOrigin(image).orElseThrow();
 * o.dir().resolve("index.json");
 * }</pre>
 */
public final class LayoutOrigin {
  private final Path dir;
  private final String manifestDigest;
  private final String indexDigest;

  LayoutOrigin(Path dir, String manifestDigest, String indexDigest) {
    this.dir = dir;
    this.manifestDigest = manifestDigest;
    this.indexDigest = indexDigest;
  }

  /** The layout directory, absolute. */
  public Path dir() {
    return dir;
  }

  /** The digest of the image manifest: what {@code ContainerImage.digest()} returns. */
  public String manifestDigest() {
    return manifestDigest;
  }

  /** The nested index (listed in {@code index.json}) the manifest was chosen from; empty when listed directly. */
  public Optional<String> indexDigest() {
    return Optional.ofNullable(indexDigest);
  }

  @Override
  public String toString() {
    return "oci:" + dir + "@" + manifestDigest;
  }
}
