package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.Platform;
import io.podarmor.internal.docker.Docker;
import io.podarmor.internal.docker.EngineImages;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/** Reads an image from the local Docker engine: inspect for its identity, then stream {@code docker save} once. */
final class DaemonSource {
  private DaemonSource() {}

  /** The image, or an {@link ImageException} when the engine does not have it; never pulls. */
  static ContainerImage open(String reference) {
    ContainerImage image = openIfPresent(reference);
    if (image == null) {
      throw new ImageException("No such image: " + reference + " is not in the local Docker engine ("
          + Docker.host() + "); build, load or pull it first");
    }
    return image;
  }

  /**
   * The image, or {@code null} when the engine answers that it does not have it; never pulls.
   *
   * @throws ImageException when no engine answers or it cannot inspect the image
   */
  static ContainerImage openIfPresent(String reference) {
    EngineImages images = Docker.images();
    EngineImages.Inspection inspect;
    try {
      inspect = images.inspect(reference);
    } catch (IOException e) {
      throw new ImageException("Cannot inspect image " + reference + " in the local Docker engine ("
          + Docker.host() + "): " + e.getMessage(), e);
    }
    if (inspect == null) {
      return null;
    }
    String id = inspect.id();
    Platform platform = Platform.of(nonEmpty(inspect.os()), nonEmpty(inspect.architecture()), null);
    String digest = repoDigest(reference, inspect.repoDigests(), id);
    // the engine keeps layers by content address and has verified them: an image whose config and layer indexes are
    // known (this run's, or an earlier run's on disk) needs no export
    Supplier<DockerArchiveReader.Result> archive = Caches.memoize(() -> save(images, reference, id, platform));
    Supplier<ParsedConfig> config = Caches.memoize(() -> ParsedConfig.known(id, reference + " (image " + id
        + " from the local Docker engine)").orElseGet(() -> archive.get().config()));
    Supplier<ImageFilesystem> filesystem = () -> Caches.FILESYSTEMS.get(config.get().diffIds,
        () -> LayerIndexer.fromKept(reference, config.get().diffIds).orElseGet(() -> archive.get().filesystem()))
        .named(reference);
    List<String> repoDigests = inspect.repoDigests();
    return new LoadedImage(reference, digest, id, platform, List.of(platform), () -> config.get().config, filesystem,
        p -> {
          throw new ImageException(reference + " in the local Docker engine is for " + platform
              + " only; the engine keeps one platform per image, so " + p + " is not available");
        }, new Origin.Engine(reference, id, repoDigests));
  }

  private static DockerArchiveReader.Result save(EngineImages images, String reference, String id, Platform platform) {
    Caches.ENGINE_EXPORTS.incrementAndGet();
    String source = reference + " (image " + id + " from the local Docker engine)";
    // the engine answers once it has written the whole archive: time to get the reading code ready
    try (InputStream in = WarmUp.whileWaiting(() -> images.export(id))) {
      DockerArchiveReader.Result result = DockerArchiveReader.read(in, source, platform);
      if (!result.config().digest.equals(id)) {
        throw new ImageException("Digest mismatch for " + source + ": the engine exported a config with digest "
            + result.config().digest);
      }
      return result;
    } catch (IOException e) {
      throw new ImageException("Cannot export " + source + ": " + e.getMessage(), e);
    }
  }

  /** The manifest digest the engine recorded for this repository, when it has one; else the image ID. */
  private static String repoDigest(String reference, List<String> repoDigests, String id) {
    String repo = reference.contains("@") ? reference.substring(0, reference.indexOf('@'))
        : reference.replaceFirst(":[^:/]+$", "");
    for (String rd : repoDigests) {
      int at = rd.indexOf('@');
      if (at > 0 && (rd.substring(0, at).equals(repo) || rd.substring(0, at).endsWith("/" + repo))) {
        return rd.substring(at + 1);
      }
    }
    return id;
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }
}
