package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code isSigned} or {@code isSignedBy}: every signature found and why it does not count, or where
 * none was found.
 *
 * <pre>{@code
 * Expecting image:
 *   127.0.0.1:5000/acme/api:1@sha256:…
 * to be signed by public key cosign.pub
 * but found:
 *   cosign signature (tag sha256-….sig, layer 1): signs sha256:…, not this image's sha256:…
 * }</pre>
 */
public final class ShouldBeSigned {

  /**
   * Creates the message; image-derived text goes in as arguments, never into the format.
   *
   * @param actual the image under test
   * @param expectation after "to", e.g. {@code be signed by public key cosign.pub}
   * @param found each signature found and why it does not count, or where none was found
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeSigned(ContainerImage actual, String expectation, List<String> found) {
    return Failure.image(actual, "to " + expectation, found);
  }

  private ShouldBeSigned() {}
}
