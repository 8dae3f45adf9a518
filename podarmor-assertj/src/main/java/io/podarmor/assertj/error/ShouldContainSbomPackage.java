package io.podarmor.assertj.error;

import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.containsPackage}: no package of that name (and version). */
public final class ShouldContainSbomPackage {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldContainSbomPackage(Sbom actual, String expected, List<String> found) {
    return Failure.sbom(actual.toString(), Failure.block("to contain package", expected), "but found", found);
  }

  private ShouldContainSbomPackage() {}
}
