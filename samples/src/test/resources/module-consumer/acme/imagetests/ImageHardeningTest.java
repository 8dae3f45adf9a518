package acme.imagetests;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.junit.PodArmorTest;
import io.podarmor.supplychain.TrustPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a consumer writes, compiled and run on the module path; the image comes from podarmor.image. */
@PodArmorTest
class ImageHardeningTest {
  @Test
  void isHardened(ContainerImage image) {
    assertThat(image).runsAsUid(65532).hasNoSuidFiles().hasNoShell().hasNoWorldWritableFiles();
  }

  @Test
  void isSignedByTheReleaseWorkflow(ContainerImage image) {
    // the trusted root comes from the system property the runner sets
    assertThat(image).isSignedBy(TrustPolicy.keyless("release@acme.example", "https://issuer.example")
        .withTrustedRoot(Path.of(System.getProperty("acme.trusted-root"))));
  }

  @Test
  void podArmorsInternalsAreClosed() {
    Module podarmor = ContainerImage.class.getModule();
    if (!podarmor.getName().equals("io.podarmor.assertj") || podarmor.isExported("io.podarmor.internal.source")
        || !podarmor.isExported("io.podarmor.image")) {
      throw new AssertionError("expected io.podarmor.assertj to export its API only, but " + podarmor.getName()
          + " exports " + podarmor.getDescriptor().exports());
    }
  }
}
