package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import org.assertj.core.error.BasicErrorMessageFactory;
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
public class ShouldRunAsNonRoot extends BasicErrorMessageFactory {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found what the image has instead, e.g. how its {@code User} resolved
   * @return the message factory
   */
  public static ErrorMessageFactory shouldRunAsNonRoot(ContainerImage actual, String found) {
    return new ShouldRunAsNonRoot(actual, found);
  }

  private ShouldRunAsNonRoot(ContainerImage actual, String found) {
    super("%nExpecting image:%n  %s%nto run as a non-root user%nbut found:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(found));
  }
}
