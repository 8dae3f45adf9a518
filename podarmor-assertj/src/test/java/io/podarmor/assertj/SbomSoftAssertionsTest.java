package io.podarmor.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.SbomFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hasSbom} and its {@link SbomAssert} chain under {@link PodArmorSoftAssertions}: every failure is collected. */
class SbomSoftAssertionsTest {
  @TempDir Path tmp;

  @Test
  void a_missing_sbom_is_collected_and_each_step_of_the_chain_says_there_is_none() {
    ContainerImage image = ContainerImage.fromOciLayout(
        ImageAssert_hasSbom_Test.NO_SBOM.writeOciLayout(tmp.resolve("layout")));
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();

    softly.assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid().describesImage();
    softly.assertThat(image).hasFile("/app");

    assertThat(softly.errorsCollected()).hasSize(3);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("to have an SBOM in format:");
    // soft assertions end each message with the line it came from
    assertThat(softly.errorsCollected().get(1)).hasMessageStartingWith(String.format("%nExpecting image:%n  %s@%s%nto have an"
        + " SBOM in format SPDX 2.3 to check%nbut could not decide:%n  hasSbom(SPDX 2.3) found none",
        image.reference(), image.digest()));
    assertThat(softly.errorsCollected().get(2)).hasMessage(softly.errorsCollected().get(1).getMessage());
    assertThat(softly.errorsCollected()).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("to have file"));
  }

  @Test
  void failing_steps_on_a_found_sbom_are_collected_and_the_chain_goes_on() {
    ContainerImage image = ContainerImage.fromOciLayout(
        ImageAssert_hasSbom_Test.WITH_SBOMS.writeOciLayout(tmp.resolve("with")));
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();

    softly.assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid().describesImage().containsPackage("openssl")
        .containsPackage("base-files");

    assertThat(softly.errorsCollected()).hasSize(2);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("to describe image:");
    assertThat(softly.errorsCollected().get(1)).hasMessageContaining("openssl");
  }
}
