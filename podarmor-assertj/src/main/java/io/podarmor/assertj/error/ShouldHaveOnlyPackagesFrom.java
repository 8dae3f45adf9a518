package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasOnlyPackagesFrom}: every installed package whose name is not on the allowlist.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have only packages from the allowlist:
 *   base-files, libc6, tzdata
 * but found packages not on it:
 *   openssl 3.0.11-1~deb12u2 amd64 (dpkg /var/lib/dpkg/status)
 * }</pre>
 */
public final class ShouldHaveOnlyPackagesFrom {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param allowlist the allowed package names, sorted
   * @param found every installed package not on it, sorted
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveOnlyPackagesFrom(ContainerImage actual, List<String> allowlist,
      List<String> found) {
    return Failure.image(actual, Failure.block("to have only packages from the allowlist",
        allowlist.isEmpty() ? "(empty)" : String.join(", ", allowlist)), "but found packages not on it", found);
  }

  private ShouldHaveOnlyPackagesFrom() {}
}
