package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, at INFO, when reading an image's layers took more than a second: the image, where it came from, its
 * layers, files and size, and the time. Quiet it with the {@code io.podarmor} logger at WARN.
 */
final class ReadProgress {
  private static final Logger LOG = LoggerFactory.getLogger("io.podarmor");
  private static final long SLOW_NANOS = 1_000_000_000L;

  private ReadProgress() {}

  static ImageFilesystem timed(ContainerImage image, Origin origin, Supplier<ImageFilesystem> read) {
    long start = System.nanoTime();
    ImageFilesystem fs = read.get();
    long elapsed = System.nanoTime() - start;
    if (elapsed > SLOW_NANOS && LOG.isInfoEnabled()) {
      long bytes = fs.entries().stream().mapToLong(FileEntry::size).sum();
      LOG.info("Read {} ({}): {} layers, {} files, {} MiB in {} s", image.reference(), kind(origin),
          image.config().layerDiffIds().size(), fs.entries().size(), String.format("%.1f", bytes / 1048576.0),
          String.format("%.1f", elapsed / 1e9));
    }
    return fs;
  }

  private static String kind(Origin origin) {
    if (origin instanceof Origin.Registry r) {
      return "registry " + r.registry().reference().registry();
    }
    if (origin instanceof Origin.Layout) {
      return "OCI layout";
    }
    if (origin instanceof Origin.Engine) {
      return "local engine";
    }
    return origin instanceof Origin.Archive ? "docker archive" : "its own implementation";
  }
}
