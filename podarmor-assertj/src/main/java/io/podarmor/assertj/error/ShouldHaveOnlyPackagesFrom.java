package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
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
public class ShouldHaveOnlyPackagesFrom extends BasicErrorMessageFactory {

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
    return new ShouldHaveOnlyPackagesFrom(actual, allowlist, found);
  }

  private ShouldHaveOnlyPackagesFrom(ContainerImage actual, List<String> allowlist, List<String> found) {
    super("%nExpecting image:%n  %s%nto have only packages from the allowlist:%n  %s%nbut found packages not on it:%n  %s",
        unquotedString(ImageMessages.name(actual)),
        unquotedString(allowlist.isEmpty() ? "(empty)" : String.join(", ", allowlist)),
        unquotedString(ImageMessages.items(found)));
  }
}
