package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoWorldWritableFiles}: every file and directory anyone may write, sorted by path, with its
 * {@code ls}-style mode, owner and the layer that wrote it.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no world-writable files (but under /tmp and /var/tmp) or world-writable directories without the sticky bit
 * but found:
 *   drwxrwxrwx 0:0 /srv/data from layer 2 (sha256:0123456789ab)
 * }</pre>
 */
public final class ShouldHaveNoWorldWritableFiles {

  /**
   * Creates the message; image-derived text goes in as arguments, never into the format.
   *
   * @param actual the image under test
   * @param found every offending file or directory, one evidence line each, sorted by path
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoWorldWritableFiles(ContainerImage actual, List<String> found) {
    return Failure.image(actual,
        "to have no world-writable files (but under /tmp and /var/tmp) or world-writable directories without the sticky bit", found);
  }

  private ShouldHaveNoWorldWritableFiles() {}
}
