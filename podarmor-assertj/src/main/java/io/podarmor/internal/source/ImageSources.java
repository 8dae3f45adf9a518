package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.Platform;
import io.podarmor.internal.docker.Docker;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.history.BuildHistory;
import io.podarmor.internal.packages.PackageDatabases;
import io.podarmor.internal.registry.RegistryOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The entry points behind {@link ContainerImage}'s factories. */
public final class ImageSources {
  private ImageSources() {}

  /**
   * The local engine's image when it has one, else the registry's (never pulled into the engine). When neither
   * works the error says what each answered.
   */
  public static ContainerImage of(String reference) {
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
  public static ContainerImage fromRegistry(String reference) {
    return fromRegistry(reference, RegistryClient.shared());
  }

  /** The image from its registry through this client (its credentials, timeouts and retries). */
  public static ContainerImage fromRegistry(String reference, RegistryClient client) {
    requireReference(reference);
    Objects.requireNonNull(client, "client");
    return RegistrySource.open(reference, client, Platform.current(), false);
  }

  /**
   * The package databases of an image and what they hold, read once per image ID.
   *
   * @throws io.podarmor.image.ImageException with the database's path and line or entry, without the image name
   */
  public static PackageDatabases.Inventory packageInventory(ContainerImage image) {
    if (!(image instanceof LoadedImage)) {
      return PackageDatabases.read(image.filesystem());
    }
    ImageFilesystem fs = image.filesystem(); // verified: keyed by the layers it was verified to be
    return ImageCache.get("packages:" + String.join(",", image.config().layerDiffIds()),
        () -> PackageDatabases.read(fs));
  }

  /** The build history of an image, parsed once per image ID (its config digest). */
  public static BuildHistory buildHistory(ContainerImage image) {
    return image instanceof LoadedImage
        ? ImageCache.get("history:" + image.id(), () -> BuildHistory.of(image.config()))
        : BuildHistory.of(image.config());
  }

  /**
   * What {@code compute} derives from an image and what its source keeps next to it (SBOMs, attestations), computed
   * once per JVM for this image read through this source (registry repository, layout directory, engine or archive)
   * and shared by every test. A result {@code keep} refuses is not cached, so the next caller looks again: an
   * artifact attached later in the run (e.g. after a failed lookup) is then found.
   */
  public static <T> T memoizedBySource(ContainerImage image, String kind, Supplier<T> compute, Predicate<T> keep) {
    if (!(image instanceof LoadedImage loaded)) {
      return compute.get();
    }
    String source = loaded.registryOrigin().map(o -> "registry " + o)
        .or(() -> loaded.layoutOrigin().map(o -> "layout " + o + o.indexDigest().map(i -> " in " + i).orElse("")))
        .orElse((loaded.isFromDaemon() ? "engine " : "") + image.reference());
    return ImageCache.get(kind + ":" + source + "@" + image.digest() + ":" + image.id(), compute, keep);
  }

  /** Where an image read from a registry came from (repository, manifest and index digests, client). */
  public static Optional<RegistryOrigin> registryOrigin(ContainerImage image) {
    return image instanceof LoadedImage ? ((LoadedImage) image).registryOrigin() : Optional.empty();
  }

  /** Where an image read from an OCI image layout came from (directory, manifest and nested index digests). */
  public static Optional<LayoutOrigin> layoutOrigin(ContainerImage image) {
    return image instanceof LoadedImage ? ((LoadedImage) image).layoutOrigin() : Optional.empty();
  }

  /** Whether the image was read from the local Docker engine. */
  public static boolean isFromDaemon(ContainerImage image) {
    return image instanceof LoadedImage && ((LoadedImage) image).isFromDaemon();
  }

  public static ContainerImage fromDaemon(String reference) {
    requireReference(reference);
    return DaemonSource.open(reference);
  }

  public static ContainerImage fromOciLayout(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return OciLayoutSource.open(dir, Platform.current(), false);
  }

  public static ContainerImage fromOciLayout(Path dir, Platform platform) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(platform, "platform");
    return OciLayoutSource.open(dir, platform, true);
  }

  public static ContainerImage fromDockerArchive(Path tar) {
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
        () -> opened.config().config,
        ImageCache.memoize(() -> LayerIndexer.index(reference, opened.layers())),
        p -> {
          throw new ImageException(reference + " holds an image for " + platform + " only, not " + p);
        });
  }

  /**
   * Forgets every image indexed so far, so the next read of an image indexes it again (for tests that compare
   * sources of the same image; images already handed out keep what they read).
   */
  public static void clearCache() {
    ImageCache.clear();
  }

  private static void requireReference(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new ImageException("An image reference is required, e.g. acme/api:1.4.2 or acme/api@sha256:…");
    }
  }
}
