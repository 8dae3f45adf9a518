package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoSuidFiles}: every setuid or setgid file, in the order given (by path), with its
 * {@code ls}-style mode, owner and the layer that wrote it.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no setuid or setgid files
 * but found:
 *   -rwsr-xr-x 0:0 /usr/bin/passwd from layer 1 (sha256:0123456789ab)
 *   -rwxr-sr-x 0:42 /usr/bin/wall from layer 1 (sha256:0123456789ab)
 * }</pre>
 */
public final class ShouldHaveNoSuidFiles {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found every setuid or setgid file, one evidence line each, sorted by path
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoSuidFiles(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no setuid or setgid files", found);
  }

  private ShouldHaveNoSuidFiles() {}
}
