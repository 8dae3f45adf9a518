package io.podarmor.samples;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.junit.ImageUnderTest;
import io.podarmor.junit.PodArmorTest;
import io.podarmor.junit.Restricted;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An image team's hardening suite, as it would live in the repository that builds the image. It runs against the
 * embedded demo image (samples/demo) by default; {@code -Dpodarmor.image=<ref>} points it at any other image.
 */
@PodArmorTest
@ImageUnderTest("podarmor-demo/app:0.1")
@DisplayName("Demo image hardening")
class DemoImageHardeningTest {

  @Test
  @DisplayName("runs as uid and gid 65532 by default")
  void runsAsTheNonRootUser(ContainerImage image) {
    assertThat(image).runsAsUid(65532).runsAsGid(65532);
  }

  @Test
  @DisplayName("is distroless: no SUID/SGID, no shell, no package manager")
  void isDistroless(ContainerImage image) {
    assertThat(image).hasNoSuidFiles().hasNoShell().hasNoPackageManager();
  }

  @Test
  @DisplayName("declares a HEALTHCHECK and a title label")
  void declaresHealthcheck(ContainerImage image) {
    assertThat(image).hasHealthcheck().hasLabel("org.opencontainers.image.title", "podarmor-demo");
  }

  @Test
  @DisplayName("at runtime: uid 65532, no shell to exec, becomes healthy")
  void behavesAtRuntime(RunningContainer container) {
    assertThat(container)
        .runsAsUid(65532)
        .cannotExecShell()
        .becomesHealthyWithin(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("keeps running under the restricted profile")
  void worksRestricted(@Restricted RunningContainer container) {
    assertThat(container).startsUnder(RuntimeProfile.RESTRICTED);
  }
}
