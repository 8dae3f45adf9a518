package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.describesImage}: the SBOM names another digest, or none. */
public final class ShouldDescribeImage {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldDescribeImage(Sbom actual, ContainerImage image) {
    return Failure.sbom(actual.toString(), Failure.block("to describe image", ImageMessages.name(image)),
        "but it describes", List.of(actual.describedDigests().isEmpty() ? "no image digest"
            : ImageMessages.items(actual.describedDigests())));
  }

  private ShouldDescribeImage() {}
}
