package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code doesNotHaveFile}: something exists at the path, following symlinks.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * not to have file:
 *   /bin/sh
 * but found:
 *   -rwxr-xr-x 0:0 /bin/busybox from layer 1 (sha256:0123456789ab), reached through /bin/sh
 * }</pre>
 */
public final class ShouldNotHaveFile {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param path the path, as the test gave it
   * @param found the entry the path leads to
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotHaveFile(ContainerImage actual, String path, String found) {
    return Failure.image(actual, Failure.block("not to have file", path), List.of(found));
  }

  private ShouldNotHaveFile() {}
}
