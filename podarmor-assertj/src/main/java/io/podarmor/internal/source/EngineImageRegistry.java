package io.podarmor.internal.source;

import io.podarmor.internal.oci.Descriptor;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.internal.registry.ImageReference;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;

/**
 * Where an engine image lives in its registry: the engine keeps no signatures or SBOMs, but an image it pushed or
 * pulled has a repo digest, and the registry holds them next to that manifest. The registry's manifest (or the
 * index entry) must have the engine's image ID as its config, so another image under the same name never counts.
 *
 * <pre>{@code
 * RegistryOrigin origin = EngineImageRegistry.origin(engineImage);  // throws NotInRegistry with the reason
 * }</pre>
 */
public final class EngineImageRegistry {
  /** The engine image cannot be found in a registry; the message says why and what to do. */
  public static final class NotInRegistry extends Exception {
    private static final long serialVersionUID = 1L;

    NotInRegistry(String reason) {
      super(reason, null, false, false);
    }
  }

  private EngineImageRegistry() {}

  /** The registry origin of an engine image, by its repo digest. */
  public static RegistryOrigin origin(ContainerImage image) throws NotInRegistry {
    String reference = image.reference();
    if (image.digest().equals(image.id())) {
      throw new NotInRegistry(reference + " has no repo digest (it was built or loaded here, never pushed or pulled);"
          + " check the image in its registry instead, e.g. ContainerImage.fromRegistry(\"registry/repository@sha256:…\")");
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference).withDigest(image.digest());
    } catch (ImageException e) {
      throw new NotInRegistry(reference + " names no registry: " + e.getMessage());
    }
    RegistryClient client = RegistryClient.shared();
    RegistryManifest top;
    try {
      top = client.manifest(ref, image.digest());
    } catch (ImageException e) {
      throw new NotInRegistry("its repo digest " + ref + " cannot be read from the registry: " + e.getMessage());
    }
    String manifestDigest = null;
    String indexDigest = null;
    if (top.isIndex()) {
      indexDigest = top.digest();
      try {
        for (Descriptor d : top.index("index " + top.digest() + " of " + ref)) {
          RegistryManifest m = client.manifest(ref, d.digest());
          if (m.isManifest() && image.id().equals(configDigest(m))) {
            manifestDigest = m.digest();
            break;
          }
        }
      } catch (ImageException e) {
        throw new NotInRegistry("its repo digest " + ref + " names an index that cannot be read from the registry: "
            + e.getMessage());
      }
    } else if (image.id().equals(configDigest(top))) {
      manifestDigest = top.digest();
    }
    if (manifestDigest == null) {
      throw new NotInRegistry("its repo digest " + ref + " in the registry is not this image: no manifest there has"
          + " config " + image.id());
    }
    return new RegistryOrigin(ref, manifestDigest, indexDigest, client);
  }

  private static String configDigest(RegistryManifest manifest) {
    return manifest.json().path("config").path("digest").asText(null);
  }
}
