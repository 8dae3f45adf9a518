package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoSecrets}: every secret, redacted, config first, then history, then files by layer.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no secrets
 * but found:
 *   ENV AWS_SECRET_ACCESS_KEY=wJal… (config Env)
 *   ARG NPM_TOKEN=npm_… (history step 4)
 *   /root/.aws/credentials (layer 2, removed by layer 3: aws_secret_access_key=wJal…)
 * }</pre>
 */
public final class ShouldHaveNoSecrets {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found every secret, one redacted line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoSecrets(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no secrets", found);
  }

  private ShouldHaveNoSecrets() {}
}
