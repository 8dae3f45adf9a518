package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of a property of a team's own ({@code satisfiesProperty} in a subclass of {@code AbstractImageAssert}),
 * laid out like PodArmor's own.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to expose no debug port
 * but found:
 *   5005/tcp
 * }</pre>
 */
public final class ShouldHaveProperty {

  /**
   * Creates the message; image-derived text goes in as arguments, never into the format.
   *
   * @param actual the image under test
   * @param expectation what the check expects, after "to"
   * @param found what contradicts it, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveProperty(ContainerImage actual, String expectation, List<String> found) {
    return Failure.image(actual, "to " + expectation, found);
  }

  private ShouldHaveProperty() {}
}
