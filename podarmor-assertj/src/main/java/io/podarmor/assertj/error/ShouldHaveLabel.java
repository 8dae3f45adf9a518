package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasLabel}: the label is missing or has another value.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have label:
 *   org.opencontainers.image.vendor="Acme"
 * but found:
 *   org.opencontainers.image.vendor="Other"
 * }</pre>
 */
public class ShouldHaveLabel extends BasicErrorMessageFactory {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param expected the expected label, {@code key="value"}
   * @param found the label as the image has it, or that it has none
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveLabel(ContainerImage actual, String expected, String found) {
    return new ShouldHaveLabel(actual, expected, found);
  }

  private ShouldHaveLabel(ContainerImage actual, String expected, String found) {
    super("%nExpecting image:%n  %s%nto have label:%n  %s%nbut found:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(expected), unquotedString(found));
  }
}
