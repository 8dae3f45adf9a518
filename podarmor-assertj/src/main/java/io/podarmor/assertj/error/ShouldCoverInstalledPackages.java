package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.coversInstalledPackages}: installed packages missing from the SBOM or listed with another version. */
public class ShouldCoverInstalledPackages extends BasicErrorMessageFactory {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldCoverInstalledPackages(Sbom actual, ContainerImage image, List<String> differences) {
    return new ShouldCoverInstalledPackages(actual, image, differences);
  }

  private ShouldCoverInstalledPackages(Sbom actual, ContainerImage image, List<String> differences) {
    super("%nExpecting SBOM:%n  %s%nto list every package installed in image:%n  %s%nbut found:%n  %s",
        unquotedString(actual.toString()), unquotedString(ImageMessages.name(image)),
        unquotedString(ImageMessages.items(differences)));
  }
}
