package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
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
public final class ShouldHaveLabel {

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
    return Failure.image(actual, Failure.block("to have label", expected), List.of(found));
  }

  private ShouldHaveLabel() {}
}
