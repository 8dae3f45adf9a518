package com.example;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.junit.ImageUnderTest;
import io.podarmor.junit.PodArmorTest;
import io.podarmor.junit.Restricted;
import io.podarmor.runtime.RunningContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's first example, on an image this test builds itself (FROM scratch, a static busybox). */
@PodArmorTest
@ImageUnderTest("example/app:1")
class AppImageHardeningTest {

  @BeforeAll
  static void buildTheImage() throws IOException, InterruptedException {
    Path context = Files.createTempDirectory("app");
    Files.copy(Path.of("src/test/resources/app/Dockerfile"), context.resolve("Dockerfile"));
    Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
    Process build = new ProcessBuilder("docker", "build", "--network", "none", "-q", "-t", "example/app:1",
        context.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (build.waitFor() != 0) {
      throw new IllegalStateException("docker build failed");
    }
  }

  @Test
  void isHardened(ContainerImage image) {
    assertThat(image).runsAsUid(65532).hasNoSuidFiles().hasNoPackageManager();
  }

  @Test
  void runsAsNonRoot(RunningContainer container) {
    assertThat(container).runsAsUid(65532);
  }

  @Test
  void runsAsNonRootRestricted(@Restricted RunningContainer container) {
    assertThat(container).runsAsNonRoot();
  }

  /** The image keeps busybox, whose sh can be exec'd: the check must see it, on every engine. */
  @Test
  void aShellIsFound(RunningContainer container) {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(container).cannotExecShell())
        .withMessageContaining("/bin/busybox");
  }
}
