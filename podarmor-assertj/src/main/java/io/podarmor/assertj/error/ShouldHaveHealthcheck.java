package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import org.assertj.core.error.BasicErrorMessageFactory;
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
public class ShouldHaveHealthcheck extends BasicErrorMessageFactory {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found what the config declares instead: {@code no HEALTHCHECK} or {@code HEALTHCHECK NONE}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveHealthcheck(ContainerImage actual, String found) {
    return new ShouldHaveHealthcheck(actual, found);
  }

  private ShouldHaveHealthcheck(ContainerImage actual, String found) {
    super("%nExpecting image:%n  %s%nto have a HEALTHCHECK%nbut found:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(found));
  }
}
