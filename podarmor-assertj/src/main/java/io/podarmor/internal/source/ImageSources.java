package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The entry points behind {@link ContainerImage}'s factories. */
public final class ImageSources {
  private ImageSources() {}

  public static ContainerImage of(String reference) {
    return fromDaemon(reference);
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
    String key;
    try {
      key = "archive:" + file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new ImageException("Cannot read " + reference + ": " + e.getMessage(), e);
    }
    DockerArchiveReader.Result result = ImageCache.get(key, () -> {
      try (InputStream in = Files.newInputStream(file)) {
        return DockerArchiveReader.read(in, reference, Platform.current());
      } catch (IOException e) {
        throw new ImageException("Cannot read " + reference + ": " + e.getMessage(), e);
      }
    });
    Platform platform = result.config.platform;
    return new LoadedImage(reference, result.digest, result.config.digest, platform, List.of(platform),
        () -> result.config.config, () -> ImageCache.filesystem(result.config.digest, reference, () -> result.filesystem),
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
