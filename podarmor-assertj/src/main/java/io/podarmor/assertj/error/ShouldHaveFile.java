package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
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
public final class ShouldHaveFile {

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
    return Failure.image(actual, Failure.block("to have file", path), List.of(found));
  }

  private ShouldHaveFile() {}
}
