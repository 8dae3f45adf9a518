package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.TrustPolicy;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code SbomAssert.isAttestedBy}: no SBOM of the format came from a signed attestation that verifies
 * under the policy and names the image; each candidate is listed with why it does not count.
 */
public class ShouldBeAttestedBy extends BasicErrorMessageFactory {

  /**
   * Creates the message; document-, image- and policy-derived text goes in as arguments, never into the format.
   *
   * @param reasons one line per SBOM considered: {@code <SBOM>: <why it does not count>}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAttestedBy(Sbom actual, ContainerImage image, TrustPolicy policy,
      List<String> reasons) {
    return new ShouldBeAttestedBy(actual, image, policy, reasons);
  }

  private ShouldBeAttestedBy(Sbom actual, ContainerImage image, TrustPolicy policy, List<String> reasons) {
    super("%nExpecting SBOM:%n  %s%nof image:%n  %s%nto come from an attestation signed by %s whose in-toto subject"
        + " names the image%nbut found:%n  %s",
        unquotedString(actual.toString()), unquotedString(ImageMessages.name(image)),
        unquotedString(policy.toString()), unquotedString(ImageMessages.items(reasons)));
  }
}
