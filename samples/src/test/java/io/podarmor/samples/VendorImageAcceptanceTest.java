package io.podarmor.samples;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A consumer's acceptance test for a third-party image, pinned by digest: whatever the tag points at later, this
 * suite judges exactly the bytes it names. (Here the "vendor" publishes to the local registry before the tests;
 * see {@code vendor/VendorRelease}.)
 */
@DisplayName("Vendor image acceptance (pinned by digest)")
public class VendorImageAcceptanceTest {
  /** The release we accept: repository and digest, as {@code crane digest} or {@code docker buildx imagetools} print it. */
  public static final String PINNED = "127.0.0.1:5000/podarmor-vendor/app"
      + "@sha256:63cbadf9a862faae67a3c0b03fa225a346e89176fbd5bfbbfae1e34a19843020";

  private final ContainerImage image = ContainerImage.fromRegistry(PINNED);

  @Test
  @DisplayName("runs as a non-root user")
  void runsAsNonRoot() {
    assertThat(image).runsAsNonRoot().runsAsUid(65532);
  }

  @Test
  @DisplayName("has no shell, no package manager and no SUID/SGID files")
  void isDistroless() {
    assertThat(image).hasNoShell().hasNoPackageManager().hasNoSuidFiles();
  }
}
