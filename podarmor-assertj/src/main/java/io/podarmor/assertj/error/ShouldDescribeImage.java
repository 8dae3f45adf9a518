package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.describesImage}: the SBOM names another digest, or none. */
public class ShouldDescribeImage extends BasicErrorMessageFactory {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldDescribeImage(Sbom actual, ContainerImage image) {
    return new ShouldDescribeImage(actual, image);
  }

  private ShouldDescribeImage(Sbom actual, ContainerImage image) {
    super("%nExpecting SBOM:%n  %s%nto describe image:%n  %s%nbut it describes:%n  %s",
        unquotedString(actual.toString()), unquotedString(ImageMessages.name(image)),
        unquotedString(actual.describedDigests().isEmpty() ? "no image digest"
            : ImageMessages.items(actual.describedDigests())));
  }
}
