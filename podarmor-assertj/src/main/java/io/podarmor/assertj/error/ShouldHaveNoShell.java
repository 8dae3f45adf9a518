package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoShell}: every shell, in the order given (by path), and why it is one.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no shell
 * but found:
 *   /bin/busybox (by name, content identifies busybox)
 *   /bin/sh (by name, symlink to /bin/busybox, listed in /etc/shells)
 *   /usr/bin/multi (content identifies busybox)
 * }</pre>
 */
public final class ShouldHaveNoShell {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found every shell, one line each with why it is one, sorted by path
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoShell(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no shell", found);
  }

  private ShouldHaveNoShell() {}
}
