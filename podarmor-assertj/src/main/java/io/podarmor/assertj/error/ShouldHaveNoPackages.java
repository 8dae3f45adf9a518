package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoPackages}: every installed package of a denied name, with version and database.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have none of the packages:
 *   curl, openssl
 * but found:
 *   openssl 3.0.11-1~deb12u2 amd64 (dpkg /var/lib/dpkg/status)
 * }</pre>
 */
public final class ShouldHaveNoPackages {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param denied the package names that must not be installed
   * @param found every installed package of those names, sorted
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoPackages(ContainerImage actual, List<String> denied,
      List<String> found) {
    return Failure.image(actual, Failure.block("to have none of the packages", String.join(", ", denied)), found);
  }

  private ShouldHaveNoPackages() {}
}
