package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasFile}: nothing exists at the path, following symlinks.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have file:
 *   /etc/app.conf
 * but found:
 *   nothing at /etc/app.conf
 * }</pre>
 */
public class ShouldHaveFile extends BasicErrorMessageFactory {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param path the path, as the test gave it
   * @param found what is at the path instead
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveFile(ContainerImage actual, String path, String found) {
    return new ShouldHaveFile(actual, path, found);
  }

  private ShouldHaveFile(ContainerImage actual, String path, String found) {
    super("%nExpecting image:%n  %s%nto have file:%n  %s%nbut found:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(path), unquotedString(found));
  }
}
