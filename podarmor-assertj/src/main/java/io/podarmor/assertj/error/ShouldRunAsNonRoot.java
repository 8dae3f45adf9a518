package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code runsAsNonRoot}: the image runs as uid 0.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to run as a non-root user
 * but found:
 *   User "root:root": uid 0 (root in /etc/passwd), gid 0 (root in /etc/group)
 * }</pre>
 */
public final class ShouldRunAsNonRoot {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found what the image has instead, e.g. how its {@code User} resolved
   * @return the message factory
   */
  public static ErrorMessageFactory shouldRunAsNonRoot(ContainerImage actual, String found) {
    return Failure.image(actual, "to run as a non-root user", List.of(found));
  }

  private ShouldRunAsNonRoot() {}
}
