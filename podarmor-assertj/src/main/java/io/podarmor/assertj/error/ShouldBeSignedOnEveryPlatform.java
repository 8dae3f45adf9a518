package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code isSignedOnEveryPlatform}: each platform whose own manifest carries no valid signature, with
 * what was found for it.
 *
 * <pre>{@code
 * Expecting image:
 *   127.0.0.1:5000/acme/api:1@sha256:…
 * to be signed on every platform (a signature over each platform's manifest) by public key cosign.pub
 * but found:
 *   linux/arm64 sha256:…: no valid signature over this manifest
 * }</pre>
 */
public final class ShouldBeSignedOnEveryPlatform {

  /**
   * Creates the message; image-derived text goes in as arguments, never into the format.
   *
   * @param actual the image under test
   * @param expectation after "to"
   * @param unsigned one line per unsigned platform (and indented lines of what was found for it)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeSignedOnEveryPlatform(ContainerImage actual, String expectation,
      List<String> unsigned) {
    return Failure.image(actual, "to " + expectation, unsigned);
  }

  private ShouldBeSignedOnEveryPlatform() {}
}
