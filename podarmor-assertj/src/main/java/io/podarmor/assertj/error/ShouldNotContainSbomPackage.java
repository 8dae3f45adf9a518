package io.podarmor.assertj.error;

import io.podarmor.supplychain.Sbom;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code SbomAssert.doesNotContainPackage}: the SBOM lists that package. */
public final class ShouldNotContainSbomPackage {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainSbomPackage(Sbom actual, String name, List<String> found) {
    return Failure.sbom(actual.toString(), Failure.block("not to contain package", name), "but found", found);
  }

  private ShouldNotContainSbomPackage() {}
}
