package io.podarmor.assertj;

import static io.podarmor.assertj.RuntimeFixtures.awaitExit;
import static io.podarmor.assertj.RuntimeFixtures.expectAssertionError;
import static io.podarmor.assertj.RuntimeFixtures.header;
import static io.podarmor.assertj.RuntimeFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.RuntimeImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContainerAssert_cannotExecShell_Test {
  static RunningContainer shellless;
  static RunningContainer build;
  static RunningContainer hiddenShell;
  static RunningContainer cli;

  @BeforeAll
  static void startContainers() {
    shellless = start(RuntimeImages.shellless());
    build = start(RuntimeImages.build());
    hiddenShell = start(RuntimeImages.hiddenShell());
    cli = start(RuntimeImages.cli());
  }

  @AfterAll
  static void removeContainers() {
    for (RunningContainer c : new RunningContainer[] {shellless, build, hiddenShell, cli}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void passesWhenEveryShellExecFails() {
    new ContainerAssert(shellless).cannotExecShell();
  }

  @Test
  void failsListingEveryShellThatRan() {
    AssertionError error = expectAssertionError(() -> new ContainerAssert(build).cannotExecShell());

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%nnot to be able to exec a shell%n"
        + "but found:%n"
        + "  /bin/sh -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe%n"
        + "  sh -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe%n"
        + "  /bin/busybox sh -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe", header(build)));
  }

  @Test
  void triesTheShellsTheImagesFilesystemHolds() {
    AssertionError error = expectAssertionError(() -> new ContainerAssert(hiddenShell).cannotExecShell());

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%nnot to be able to exec a shell%n"
        + "but found:%n"
        + "  /opt/sh/ash -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe", header(hiddenShell)));
  }

  @Test
  void failsWithAdviceWhenTheMainProcessHasExited() throws InterruptedException {
    awaitExit(cli);

    AssertionError error = expectAssertionError(() -> new ContainerAssert(cli).cannotExecShell());

    assertThat(error).hasMessageStartingWith(String.format("%nExpecting container:%n  %s%n"
        + "not to be able to exec a shell%nbut its main process has exited with code 0, so there is no process to"
        + " check.", header(cli)));
  }
}
