package io.podarmor.assertj.error;

import io.podarmor.supplychain.Sbom;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.isValid}: the document breaks its format's rules. */
public final class ShouldBeValidSbom {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeValidSbom(Sbom actual) {
    return Failure.sbom(actual.toString(), "to be valid " + actual.format().toString(), "but found", actual.problems());
  }

  private ShouldBeValidSbom() {}
}
