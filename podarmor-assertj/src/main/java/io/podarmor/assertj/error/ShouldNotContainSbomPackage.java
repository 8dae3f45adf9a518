package io.podarmor.assertj.error;

import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.doesNotContainPackage}: the SBOM lists that package. */
public class ShouldNotContainSbomPackage extends BasicErrorMessageFactory {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainSbomPackage(Sbom actual, String name, List<String> found) {
    return new ShouldNotContainSbomPackage(actual, name, found);
  }

  private ShouldNotContainSbomPackage(Sbom actual, String name, List<String> found) {
    super("%nExpecting SBOM:%n  %s%nnot to contain package:%n  %s%nbut found:%n  %s",
        unquotedString(actual.toString()), unquotedString(name), unquotedString(ImageMessages.items(found)));
  }
}
