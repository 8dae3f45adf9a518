package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoPackageManager}: every package manager executable, in the order given (by path).
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no package manager
 * but found:
 *   -rwxr-xr-x 0:0 /usr/bin/dpkg from layer 1 (sha256:0123456789ab)
 * }</pre>
 */
public final class ShouldHaveNoPackageManager {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found every package manager executable, one evidence line each, sorted by path
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoPackageManager(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no package manager", found);
  }

  private ShouldHaveNoPackageManager() {}
}
