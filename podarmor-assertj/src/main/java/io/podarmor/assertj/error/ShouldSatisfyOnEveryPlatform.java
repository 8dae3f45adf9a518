package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code onEveryPlatform}: the assertions failed on some platforms of the image's index; each
 * platform's own failure follows its name, indented.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to satisfy the given assertions on every platform (linux/amd64, linux/arm64)
 * but found:
 *   on linux/arm64:
 *     Expecting image:
 *       acme/api:1.4.2@sha256:…
 *     to have no shell
 *     ...
 * }</pre>
 */
public final class ShouldSatisfyOnEveryPlatform {

  /**
   * Creates the message from each failing platform's failure.
   *
   * @param actual the image under test
   * @param platforms every platform the assertions ran on
   * @param failures one entry per failing platform: {@code on <platform>:} and that platform's failure message
   * @return the message factory
   */
  public static ErrorMessageFactory shouldSatisfyOnEveryPlatform(ContainerImage actual, List<String> platforms,
      List<String> failures) {
    return Failure.image(actual, "to satisfy the given assertions on every platform (" + String.join(", ",
        platforms) + ")", failures);
  }

  private ShouldSatisfyOnEveryPlatform() {}
}
