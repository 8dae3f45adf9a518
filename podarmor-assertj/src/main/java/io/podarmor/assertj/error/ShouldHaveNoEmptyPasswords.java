package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoEmptyPasswords}: every account with an empty password field, by name and line (password
 * fields are never printed).
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no account with an empty password
 * but found:
 *   root: empty password field in /etc/shadow line 1
 * }</pre>
 */
public final class ShouldHaveNoEmptyPasswords {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found every account with an empty password field
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoEmptyPasswords(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no account with an empty password", found);
  }

  private ShouldHaveNoEmptyPasswords() {}
}
