package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasHealthcheck}: the image declares no HEALTHCHECK, or {@code HEALTHCHECK NONE}.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have a HEALTHCHECK
 * but found:
 *   HEALTHCHECK NONE
 * }</pre>
 */
public final class ShouldHaveHealthcheck {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found what the config declares instead: {@code no HEALTHCHECK} or {@code HEALTHCHECK NONE}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveHealthcheck(ContainerImage actual, String found) {
    return Failure.image(actual, "to have a HEALTHCHECK", List.of(found));
  }

  private ShouldHaveHealthcheck() {}
}
