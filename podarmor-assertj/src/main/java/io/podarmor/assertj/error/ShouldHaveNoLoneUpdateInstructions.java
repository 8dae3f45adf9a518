package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoLoneUpdateInstructions}: every RUN step that refreshes a package index with no install after it, in history order.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no package index update without an install in the same RUN step (CIS 4.7)
 * but found:
 *   history[4]: RUN /bin/sh -c apt-get update (apt-get update with no install or upgrade after it)
 * }</pre>
 */
public final class ShouldHaveNoLoneUpdateInstructions {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoLoneUpdateInstructions(ContainerImage actual, List<String> found) {
    return Failure.image(actual,
        "to have no package index update without an install in the same RUN step (CIS 4.7)", found);
  }

  private ShouldHaveNoLoneUpdateInstructions() {}
}
