package io.podarmor.assertj;

import static io.podarmor.assertj.RuntimeFixtures.expectAssertionError;
import static io.podarmor.assertj.RuntimeFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import io.podarmor.testing.RuntimeImages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContainerAssert_startsUnder_Test {
  static final Duration SETTLE = Duration.ofMillis(1500);
  static RunningContainer shellless;
  static RunningContainer writesRootfs;
  static RunningContainer cli;

  @BeforeAll
  static void startContainers() {
    shellless = start(RuntimeImages.shellless());
    writesRootfs = start(RuntimeImages.writesRootfs());
    cli = start(RuntimeImages.cli());
  }

  @AfterAll
  static void removeContainers() {
    for (RunningContainer c : new RunningContainer[] {shellless, writesRootfs, cli}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void passesForAnImageThatNeedsNoWritableRootFilesystem() {
    new ContainerAssert(shellless).startsUnder(RuntimeProfile.RESTRICTED, SETTLE);

    assertThat(podArmorContainersOf("podarmor-test-ext/shellless:1", "restricted")).isZero();
  }

  @Test
  void checksTheActualContainerWhenItRunsUnderThatProfile() {
    new ContainerAssert(writesRootfs).startsUnder(RuntimeProfile.DEFAULT, SETTLE);
  }

  @Test
  void failsWithExitCodeAndLogWhenTheRootFilesystemIsReadOnly() {
    AssertionError error = expectAssertionError(
        () -> new ContainerAssert(writesRootfs).startsUnder(RuntimeProfile.RESTRICTED, SETTLE));

    assertThat(error).hasMessage(String.format("%nExpecting image:%n  podarmor-test-ext/writes-rootfs:1@%s%n"
        + "to start and keep running for 1.5s under profile restricted (read-only root filesystem, tmpfs /tmp,"
        + " cap-drop ALL, no-new-privileges, network none)%n"
        + "but its main process exited with code 1; last log lines:%n"
        + "  sh: can't create /var/run/app.pid: Read-only file system", writesRootfs.image().digest()));
    assertThat(podArmorContainersOf("podarmor-test-ext/writes-rootfs:1", "restricted")).isZero();
  }

  @Test
  void failsForACliImageWithoutKeepAlive() {
    AssertionError error =
        expectAssertionError(() -> new ContainerAssert(cli).startsUnder(RuntimeProfile.DEFAULT, SETTLE));

    assertThat(error).hasMessage(String.format("%nExpecting image:%n  podarmor-test-ext/cli:1@%s%n"
        + "to start and keep running for 1.5s under profile default (network none)%n"
        + "but its main process exited with code 0; last log lines:%n"
        + "  tini version 0.1.7_catatonit", cli.image().digest()));
  }

  @Test
  void passesForACliImageWithAKeepAliveCommand() {
    new ContainerAssert(cli).startsUnder(RuntimeProfile.RESTRICTED.withKeepAlive("/catatonit", "-P"), SETTLE);
  }

  @Test
  void failsWhenTheEngineWillNotStartIt() {
    RuntimeProfile broken = RuntimeProfile.RESTRICTED.withKeepAlive("/no/such/program");

    AssertionError error = expectAssertionError(() -> new ContainerAssert(cli).startsUnder(broken, SETTLE));

    assertThat(error.getMessage()).startsWith(String.format("%nExpecting image:%n  podarmor-test-ext/cli:1@%s%n"
        + "to start and keep running for 1.5s under profile %s%n"
        + "but it could not be started:%n  The engine (%s) could not start a container of podarmor-test-ext/cli:1@%s"
        + " under profile %s: ", cli.image().digest(), broken, Docker.host(), cli.image().digest(), broken))
        .contains("/no/such/program");
  }

  private static long podArmorContainersOf(String image, String profile) {
    return Docker.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(
        RunningContainer.RUN_LABEL, RunningContainer.runId(), RunningContainer.IMAGE_LABEL, image,
        RunningContainer.PROFILE_LABEL, profile)).exec().size();
  }
}
