package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.TrustPolicy;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code SbomAssert.isAttestedBy}: no SBOM of the format came from a signed attestation that verifies
 * under the policy and names the image; each candidate is listed with why it does not count.
 */
public final class ShouldBeAttestedBy {

  /**
   * Creates the message; document-, image- and policy-derived text goes in as arguments, never into the format.
   *
   * @param reasons one line per SBOM considered: {@code <SBOM>: <why it does not count>}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAttestedBy(Sbom actual, ContainerImage image, TrustPolicy policy,
      List<String> reasons) {
    return Failure.sbom(actual.toString(), Failure.block("of image", ImageMessages.name(image))
        + System.lineSeparator() + "to come from an attestation signed by " + policy
        + " whose in-toto subject names the image", "but found", reasons);
  }

  private ShouldBeAttestedBy() {}
}
