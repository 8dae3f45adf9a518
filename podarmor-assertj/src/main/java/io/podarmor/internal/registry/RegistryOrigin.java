package io.podarmor.internal.registry;

import java.util.Optional;

/**
 * Where an image read from a registry came from: the repository, the digest of its image manifest, the digest of
 * the index it was chosen from ({@code null} for a plain manifest), and the client that read it, so supply-chain checks
 * can look up referrers and signature tags of either digest with the same credentials.
 *
 * <pre>{@code
 * RegistryOrigin o = new RegistryOrigin(reference, manifestDigest, null, RegistryClient.shared());
 * o.client().referrers(o.reference(), o.indexDigest().orElse(o.manifestDigest()), null);
 * }</pre>
 */
public record RegistryOrigin(ImageReference reference, String manifestDigest, String index, RegistryClient client) {
  /** The digest of the index (or Docker manifest list) the manifest was chosen from; empty for a plain manifest. */
  public Optional<String> indexDigest() {
    return Optional.ofNullable(index);
  }

  @Override
  public String toString() {
    return reference + (index == null ? "" : " (from index " + index + ")");
  }
}
