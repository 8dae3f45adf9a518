package io.podarmor.internal.artifacts;

import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.internal.registry.ImageReference;
import io.podarmor.internal.registry.Referrers;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import java.util.Optional;

/** The artifacts of a registry repository, read through the run's client (credentials, retries, limits). */
public record RegistryStore(RegistryClient client, ImageReference reference) implements ArtifactStore {
  @Override
  public String name() {
    return reference.repositoryName();
  }

  @Override
  public Optional<Manifest> tagged(String tag) {
    return client.findManifest(reference, tag).map(RegistryManifest::manifest);
  }

  @Override
  public Referrers referrers(String digest, String artifactType) {
    return client.referrers(reference, digest, artifactType);
  }

  @Override
  public Manifest manifest(Descriptor descriptor, String what) {
    return client.manifest(reference, descriptor.digest()).manifest();
  }

  @Override
  public byte[] blob(Descriptor descriptor, long max, String what) {
    return client.blobBytes(reference, descriptor.digest(), descriptor.size(), max, what);
  }
}
