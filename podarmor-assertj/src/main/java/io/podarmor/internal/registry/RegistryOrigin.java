package io.podarmor.internal.registry;

import java.util.Optional;

/**
 * Where an image read from a registry came from: the repository, the digest of its image manifest, the digest of
 * the index it was chosen from (if any), and the client that read it, so supply-chain checks can look up
 * referrers and signature tags of either digest with the same credentials.
 *
 * <pre>{@code
 * RegistryOrigin o = ImageSources.registryOrigin(image).orElseThrow();
 * o.client().referrers(o.reference(), o.indexDigest().orElse(o.manifestDigest()), null);
 * }</pre>
 */
public final class RegistryOrigin {
  private final ImageReference reference;
  private final String manifestDigest;
  private final String indexDigest;
  private final RegistryClient client;

  public RegistryOrigin(ImageReference reference, String manifestDigest, String indexDigest, RegistryClient client) {
    this.reference = reference;
    this.manifestDigest = manifestDigest;
    this.indexDigest = indexDigest;
    this.client = client;
  }

  /** The reference as resolved, pinned to {@link #manifestDigest()} (with the tag it was asked by, if any). */
  public ImageReference reference() {
    return reference;
  }

  /** The digest of this platform's image manifest: what {@code ContainerImage.digest()} returns. */
  public String manifestDigest() {
    return manifestDigest;
  }

  /** The digest of the index (or Docker manifest list) the manifest was chosen from; empty for a plain manifest. */
  public Optional<String> indexDigest() {
    return Optional.ofNullable(indexDigest);
  }

  public RegistryClient client() {
    return client;
  }

  @Override
  public String toString() {
    return reference + (indexDigest == null ? "" : " (from index " + indexDigest + ")");
  }
}
