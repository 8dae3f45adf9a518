package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.coversInstalledPackages}: installed packages missing from the SBOM or listed with another version. */
public final class ShouldCoverInstalledPackages {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldCoverInstalledPackages(Sbom actual, ContainerImage image,
        List<String> differences) {
    return Failure.sbom(actual.toString(), Failure.block("to list every package installed in image",
        ImageMessages.name(image)), "but found", differences);
  }

  private ShouldCoverInstalledPackages() {}
}
