package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoSudo}: every RUN step that runs sudo and every sudo executable.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no sudo (dockle DKL-DI-0001)
 * but found:
 *   history[3]: RUN /bin/sh -c sudo make install
 * }</pre>
 */
public final class ShouldHaveNoSudo {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoSudo(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no sudo (dockle DKL-DI-0001)", found);
  }

  private ShouldHaveNoSudo() {}
}
