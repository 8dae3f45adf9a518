package io.podarmor.internal.source;

import io.podarmor.internal.registry.RegistryOrigin;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an image came from, as far as supply-chain checks go: its registry (repository and digests, with the client
 * that read it), its OCI layout directory, the local engine, a {@code docker save} archive, or a
 * {@code ContainerImage} PodArmor did not make (a wrapper or a test double), which has no source to look in.
 */
public sealed interface Origin {
  /** An image read from a registry. */
  record Registry(RegistryOrigin registry) implements Origin {}

  /** An image read from an OCI image layout. */
  record Layout(LayoutOrigin layout) implements Origin {}

  /** An image of the local engine, with the repo digests it recorded ({@code registry/repo@sha256:…}). */
  record Engine(String reference, String imageId, List<String> repoDigests) implements Origin {
    public Engine {
      repoDigests = List.copyOf(repoDigests);
    }
  }

  /** An image read from a {@code docker save} archive. */
  record Archive(Path file) implements Origin {}

  /** A {@code ContainerImage} of another implementation; {@code type} names its class. */
  record Foreign(String type) implements Origin {}
}
