package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageSourceProvider;
import io.podarmor.image.Platform;
import io.podarmor.internal.docker.Docker;
import io.podarmor.internal.registry.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The entry points behind {@link ContainerImage}'s factories, provided as the {@link ImageSourceProvider}. */
public final class ImageSources implements ImageSourceProvider {
  /** Called by the service loader, before the first image of a run is opened. */
  public ImageSources() {
    WarmUp.start();
  }

  /**
   * The local engine's image when it has one, else the registry's (never pulled into the engine). When neither
   * works the error says what each answered.
   */
  @Override
  public ContainerImage of(String reference) {
    requireReference(reference);
    String engine;
    try {
      ContainerImage local = DaemonSource.openIfPresent(reference);
      if (local != null) {
        return local;
      }
      engine = "it is not in the local Docker engine (" + Docker.host() + ")";
    } catch (ImageException e) {
      engine = "the local Docker engine could not be asked (" + e.getMessage() + ")";
    }
    try {
      return fromRegistry(reference);
    } catch (ImageException e) {
      throw new ImageException("Cannot find image " + reference.trim() + ": " + engine + ", and the registry failed: "
          + e.getMessage(), e);
    }
  }

  /** The image from its registry, for the host's platform when the reference names an index. */
  @Override
  public ContainerImage fromRegistry(String reference) {
    return fromRegistry(reference, RegistryClient.shared());
  }

  /** The image from its registry through this client (its credentials, timeouts and retries). */
  public static ContainerImage fromRegistry(String reference, RegistryClient client) {
    requireReference(reference);
    Objects.requireNonNull(client, "client");
    return RegistrySource.open(reference, client, Platform.current(), false);
  }

  @Override
  public ContainerImage fromDaemon(String reference) {
    requireReference(reference);
    return DaemonSource.open(reference);
  }

  @Override
  public ContainerImage fromOciLayout(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return OciLayoutSource.open(dir, Platform.current(), false);
  }

  @Override
  public ContainerImage fromOciLayout(Path dir, Platform platform) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(platform, "platform");
    return OciLayoutSource.open(dir, platform, true);
  }

  @Override
  public ContainerImage fromDockerArchive(Path tar) {
    Objects.requireNonNull(tar, "tar");
    Path file = tar.toAbsolutePath().normalize();
    String reference = "docker-archive:" + file;
    if (!Files.isRegularFile(file)) {
      throw new ImageException("No docker archive at " + file + ": "
          + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    DockerArchiveReader.Opened opened = DockerArchiveReader.open(file, reference, Platform.current());
    Platform platform = opened.config().platform;
    return new LoadedImage(reference, opened.digest(), opened.config().digest, platform, List.of(platform),
        () -> opened.config().config, () -> LayerIndexer.index(reference, opened.layers()),
        p -> {
          throw new ImageException(reference + " holds an image for " + platform + " only, not " + p);
        }, new Origin.Archive(file));
  }

  /**
   * Forgets every image indexed so far, so the next read of an image indexes it again (for tests that compare
   * sources of the same image; images already handed out keep what they read).
   */
  public static void clearCache() {
    Caches.clear();
  }

  private static void requireReference(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new ImageException("An image reference is required, e.g. acme/api:1.4.2 or acme/api@sha256:…");
    }
  }
}
