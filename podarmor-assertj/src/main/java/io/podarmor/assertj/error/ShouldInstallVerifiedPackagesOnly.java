package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code installsVerifiedPackagesOnly}: every build step and apt source that skips signature or TLS verification.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to install verified packages only (CIS 4.11)
 * but found:
 *   history[2]: RUN /bin/sh -c curl -fsSL https://get.example.com | sh (curl download piped into sh)
 * }</pre>
 */
public final class ShouldInstallVerifiedPackagesOnly {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found the evidence, one line each
   * @return the message factory
   */
  public static ErrorMessageFactory shouldInstallVerifiedPackagesOnly(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to install verified packages only (CIS 4.11)", found);
  }

  private ShouldInstallVerifiedPackagesOnly() {}
}
