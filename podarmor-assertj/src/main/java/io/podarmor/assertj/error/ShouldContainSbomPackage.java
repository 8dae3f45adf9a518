package io.podarmor.assertj.error;

import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.containsPackage}: no package of that name (and version). */
public class ShouldContainSbomPackage extends BasicErrorMessageFactory {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldContainSbomPackage(Sbom actual, String expected, List<String> found) {
    return new ShouldContainSbomPackage(actual, expected, found);
  }

  private ShouldContainSbomPackage(Sbom actual, String expected, List<String> found) {
    super("%nExpecting SBOM:%n  %s%nto contain package:%n  %s%nbut found:%n  %s",
        unquotedString(actual.toString()), unquotedString(expected), unquotedString(ImageMessages.items(found)));
  }
}
