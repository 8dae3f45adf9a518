package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code supportsPlatforms}: the image (or its index) has no image for some asserted platforms, or an
 * index entry's image is for another platform than the entry says.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to support the platforms linux/amd64, linux/arm64, linux/arm/v7
 * but found:
 *   no image for linux/arm/v7
 *   the index has: linux/amd64, linux/arm64
 * }</pre>
 */
public final class ShouldSupportPlatforms {

  /**
   * Creates the message for an image that lacks some platforms.
   *
   * @param actual the image under test
   * @param expected every platform asserted, as written
   * @param found {@code no image for …}, mislabelled entries, then what the source offers ({@code the index has: …}
   *     or {@code the image is for: …})
   * @return the message factory
   */
  public static ErrorMessageFactory shouldSupportPlatforms(ContainerImage actual, List<String> expected,
      List<String> found) {
    return Failure.image(actual, "to support the platforms " + String.join(", ", expected), found);
  }

  private ShouldSupportPlatforms() {}
}
