package io.podarmor.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.SbomFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hasSbom} under {@link PodArmorSoftAssertions}: the failure is collected. */
class SbomSoftAssertionsTest {
  @TempDir Path tmp;

  @Test
  void a_missing_sbom_is_collected() {
    ContainerImage image = ContainerImage.fromOciLayout(
        ImageAssert_hasSbom_Test.NO_SBOM.writeOciLayout(tmp.resolve("layout")));
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    softly.assertThat(image).hasSbom(SbomFormat.SPDX_2_3);
    assertThat(softly.errorsCollected()).hasSize(1);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("to have an SBOM in format:");
  }
}
