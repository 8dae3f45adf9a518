package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code doesNotHaveFile}: something exists at the path, following symlinks.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * not to have file:
 *   /bin/sh
 * but found:
 *   -rwxr-xr-x 0:0 /bin/busybox from layer 1 (sha256:0123456789ab), reached through /bin/sh
 * }</pre>
 */
public class ShouldNotHaveFile extends BasicErrorMessageFactory {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param path the path, as the test gave it
   * @param found the entry the path leads to
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotHaveFile(ContainerImage actual, String path, String found) {
    return new ShouldNotHaveFile(actual, path, found);
  }

  private ShouldNotHaveFile(ContainerImage actual, String path, String found) {
    super("%nExpecting image:%n  %s%nnot to have file:%n  %s%nbut found:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(path), unquotedString(found));
  }
}
