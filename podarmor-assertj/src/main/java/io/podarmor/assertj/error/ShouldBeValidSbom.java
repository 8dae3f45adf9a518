package io.podarmor.assertj.error;

import io.podarmor.supplychain.Sbom;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.isValid}: the document breaks its format's rules. */
public class ShouldBeValidSbom extends BasicErrorMessageFactory {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeValidSbom(Sbom actual) {
    return new ShouldBeValidSbom(actual);
  }

  private ShouldBeValidSbom(Sbom actual) {
    super("%nExpecting SBOM:%n  %s%nto be valid %s%nbut found:%n  %s",
        unquotedString(actual.toString()), unquotedString(actual.format().toString()),
        unquotedString(ImageMessages.items(actual.problems())));
  }
}
