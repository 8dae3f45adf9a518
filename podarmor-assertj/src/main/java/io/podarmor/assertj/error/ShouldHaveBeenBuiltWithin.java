package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code wasBuiltWithin}: the image's creation time, older than allowed.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have been built within 90 days (CIS 4.4)
 * but found:
 *   created 2026-01-01T00:00:00Z, 332 days ago
 * }</pre>
 */
public final class ShouldHaveBeenBuiltWithin {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param within the maximum age, e.g. {@code 90 days}
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveBeenBuiltWithin(ContainerImage actual, String within,
      List<String> found) {
    return Failure.image(actual, "to have been built within " + within + " (CIS 4.4)", found);
  }

  private ShouldHaveBeenBuiltWithin() {}
}
