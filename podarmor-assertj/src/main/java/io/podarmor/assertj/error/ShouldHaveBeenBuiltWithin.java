package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code wasBuiltWithin}: the image's creation time, older than allowed.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have been built within 90 days (CIS 4.4)
 * but found:
 *   created 2026-01-01T00:00:00Z, 332 days ago
 * }</pre>
 */
public class ShouldHaveBeenBuiltWithin extends BasicErrorMessageFactory {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param within the maximum age, e.g. {@code 90 days}
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveBeenBuiltWithin(ContainerImage actual, String within,
      List<String> found) {
    return new ShouldHaveBeenBuiltWithin(actual, within, found);
  }

  private ShouldHaveBeenBuiltWithin(ContainerImage actual, String within, List<String> found) {
    super("%nExpecting image:%n  %s%nto have been built within %s (CIS 4.4)%nbut found:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(within),
        unquotedString(ImageMessages.items(found)));
  }
}
