package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoSuidFilesExcept}: the allowed paths, then every other setuid or setgid file, in the
 * order given (by path).
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no setuid or setgid files except:
 *   /usr/bin/passwd
 * but found:
 *   -rwsr-xr-x 0:0 /usr/bin/su from layer 1 (sha256:0123456789ab)
 * }</pre>
 */
public final class ShouldHaveNoSuidFilesExcept {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param allowed the allowed paths, one per line
   * @param found every setuid or setgid file not allowed, one evidence line each, sorted by path
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoSuidFilesExcept(ContainerImage actual,
      List<String> allowed, List<String> found) {
    return Failure.image(actual, Failure.block("to have no setuid or setgid files except",
        ImageMessages.items(allowed)), found);
  }

  private ShouldHaveNoSuidFilesExcept() {}
}
