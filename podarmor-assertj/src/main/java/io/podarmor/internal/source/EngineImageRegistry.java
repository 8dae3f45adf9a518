package io.podarmor.internal.source;


import io.podarmor.internal.oci.Descriptor;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.internal.registry.ImageReference;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * The registry origin of an engine image: the registry and repository each of its repo digests names (those of
   * the image's own repository first), the first whose manifest there has the engine's image ID as its config. With
   * none, the reason says what each repo digest answered.
   */
  public static RegistryOrigin origin(ContainerImage image) throws NotInRegistry {
    String reference = image.reference();
    List<String> repoDigests = ImageFacts.of(image).origin() instanceof Origin.Engine engine
        ? engine.repoDigests() : List.of();
    if (repoDigests.isEmpty()) {
      throw new NotInRegistry(reference + " has no repo digest (it was built or loaded here, never pushed or pulled);"
          + " check the image in its registry instead, e.g. ContainerImage.fromRegistry(\"registry/repository@sha256:…\")");
    }
    List<String> answers = new ArrayList<>();
    for (String repoDigest : ownRepositoryFirst(repoDigests, image.digest())) {
      try {
        return origin(image, ImageReference.parse(repoDigest));
      } catch (ImageException | NotInRegistry e) {
        answers.add(repoDigest + ": " + e.getMessage());
      }
    }
    throw new NotInRegistry("no repo digest of " + reference + " leads to it in a registry: "
        + String.join("; ", answers));
  }

  /** The repo digests, the one of the image's digest first. */
  private static List<String> ownRepositoryFirst(List<String> repoDigests, String digest) {
    List<String> ordered = new ArrayList<>();
    repoDigests.stream().filter(rd -> rd.endsWith("@" + digest)).forEach(ordered::add);
    repoDigests.stream().filter(rd -> !rd.endsWith("@" + digest)).forEach(ordered::add);
    return ordered;
  }

  private static RegistryOrigin origin(ContainerImage image, ImageReference ref) throws NotInRegistry {
    RegistryClient client = RegistryClient.shared();
    RegistryManifest top;
    try {
      top = client.manifest(ref, ref.tagOrDigest());
    } catch (ImageException e) {
      throw new NotInRegistry("cannot be read from its registry: " + e.getMessage());
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
        throw new NotInRegistry("names an index that cannot be read from its registry: " + e.getMessage());
      }
    } else if (image.id().equals(configDigest(top))) {
      manifestDigest = top.digest();
    }
    if (manifestDigest == null) {
      throw new NotInRegistry("is not this image in its registry: no manifest there has config " + image.id());
    }
    return new RegistryOrigin(ref, manifestDigest, indexDigest, client);
  }

  private static String configDigest(RegistryManifest manifest) {
    return manifest.json().path("config").path("digest").asText(null);
  }
}
