package io.podarmor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Work directories the tests make outside JUnit's {@code @TempDir}, removed when done. */
public final class TempDirs {
  private TempDirs() {}

  /** Deletes {@code dir} and everything in it, as far as it can (a work directory: nothing depends on it). */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort: a work directory
    }
  }
}
