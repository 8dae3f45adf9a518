package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code satisfiesCisDockerSection4}: every failed item, with its id, title and evidence,
        and every waived item with its reason, by id.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to satisfy CIS Docker Benchmark section 4
 * but found:
 *   4.9 Ensure that COPY is used instead of ADD in Dockerfiles:
 * }</pre>
 */
public final class ShouldSatisfyCisDockerSection4 {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldSatisfyCisDockerSection4(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to satisfy CIS Docker Benchmark section 4", found);
  }

  private ShouldSatisfyCisDockerSection4() {}
}
