package io.podarmor.samples;

import static io.podarmor.samples.acme.AcmeImageAssert.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.junit.ImageUnderTest;
import io.podarmor.junit.PodArmorTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A team's own property beside the built-in ones: {@code AcmeImageAssert} extends PodArmor's
 * {@code AbstractImageAssert}, and the report shows "No debug port" as a row and, when it passes, as a chip.
 */
@PodArmorTest
@ImageUnderTest("podarmor-demo/app:0.1")
@DisplayName("Demo image, the team's own properties")
class DemoImageTeamPropertiesTest {

  @Test
  @DisplayName("exposes no debug port, and runs as non-root")
  void exposesNoDebugPort(ContainerImage image) {
    assertThat(image).exposesNoDebugPort().runsAsNonRoot();
  }
}
