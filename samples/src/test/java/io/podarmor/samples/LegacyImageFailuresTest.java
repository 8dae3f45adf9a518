package io.podarmor.samples;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What failures look like, on a deliberately weak "legacy" image (samples/legacy): each check is expected to fail,
 * so the build stays green while the messages show the evidence PodArmor gives.
 */
@DisplayName("Legacy image: what failures look like")
class LegacyImageFailuresTest {
  private static ContainerImage legacy;

  @BeforeAll
  static void readImage() {
    legacy = ContainerImage.fromDaemon("podarmor-demo/legacy:0.1");
  }

  @Test
  @DisplayName("runs as root: runsAsNonRoot fails")
  void runsAsRoot() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).runsAsNonRoot())
        .satisfies(e -> System.out.println(e.getMessage()))
        .withMessageContaining("podarmor-demo/legacy:0.1");
  }

  @Test
  @DisplayName("keeps a setuid binary: hasNoSuidFiles lists it with mode, owner and layer")
  void keepsSetuidBinary() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).hasNoSuidFiles())
        .satisfies(e -> System.out.println(e.getMessage()))
        .withMessageContaining("-rwsr-xr-x 0:0 /usr/bin/sudo-legacy");
  }

  @Test
  @DisplayName("has a shell: hasNoShell names busybox and /bin/sh")
  void hasShell() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).hasNoShell())
        .satisfies(e -> System.out.println(e.getMessage()))
        .withMessageContaining("/bin/busybox")
        .withMessageContaining("/bin/sh");
  }

  @Test
  @DisplayName("has a package manager and no HEALTHCHECK")
  void hasPackageManagerAndNoHealthcheck() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).hasNoPackageManager())
        .withMessageContaining("/sbin/apk");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).hasHealthcheck())
        .satisfies(e -> System.out.println(e.getMessage()));
  }
}
