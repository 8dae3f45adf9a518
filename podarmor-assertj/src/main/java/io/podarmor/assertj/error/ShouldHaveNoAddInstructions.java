package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoAddInstructions}: every ADD step but the base image's root filesystem,
        with its history index.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to use COPY instead of ADD (CIS 4.9)
 * but found:
 *   history[3]: ADD https://example.com/app.tgz /opt/
 * }</pre>
 */
public final class ShouldHaveNoAddInstructions {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoAddInstructions(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to use COPY instead of ADD (CIS 4.9)", found);
  }

  private ShouldHaveNoAddInstructions() {}
}
