package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure because a check cannot decide: PodArmor fails closed and says why.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to run as uid 65532
 * but could not decide:
 *   User "app": no user app in /etc/passwd
 * }</pre>
 */
public final class CannotDecide {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param expectation what the check expected, after "to", e.g. {@code run as uid 65532}
   * @param reasons why it cannot decide, one per line
   * @return the message factory
   */
  public static ErrorMessageFactory cannotDecide(ContainerImage actual, String expectation, List<String> reasons) {
    return Failure.image(actual, "to " + expectation, "but could not decide", reasons);
  }

  private CannotDecide() {}
}
