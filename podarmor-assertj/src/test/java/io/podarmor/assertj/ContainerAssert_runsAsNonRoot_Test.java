package io.podarmor.assertj;

import static io.podarmor.assertj.RuntimeFixtures.expectAssertionError;
import static io.podarmor.assertj.RuntimeFixtures.header;
import static io.podarmor.assertj.RuntimeFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.RuntimeImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContainerAssert_runsAsNonRoot_Test {
  static RunningContainer nonRoot;
  static RunningContainer root;

  @BeforeAll
  static void startContainers() {
    nonRoot = start(RuntimeImages.shellless());
    root = start(RuntimeImages.root());
  }

  @AfterAll
  static void removeContainers() {
    for (RunningContainer c : new RunningContainer[] {nonRoot, root}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void passesForANonRootProcess() {
    new ContainerAssert(nonRoot).runsAsNonRoot();
  }

  @Test
  void failsForARootProcess() {
    AssertionError error = expectAssertionError(() -> new ContainerAssert(root).runsAsNonRoot());

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%n"
        + "to run its main process as a non-root user%n"
        + "but found:%n  euid 0, ruid 0, egid 0, rgid 0: /catatonit -P", header(root)));
  }

  @Test
  void failsForAClosedContainerRatherThanPass() {
    RunningContainer closed = start(RuntimeImages.shellless());
    closed.close();

    AssertionError error = expectAssertionError(() -> new ContainerAssert(closed).runsAsNonRoot());

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%n"
        + "to run its main process as a non-root user%nbut the check could not be made:%n"
        + "  The container of %s (%s) was closed and removed", header(closed),
        closed.image().reference() + "@" + closed.image().digest(), closed.id().substring(0, 12)));
  }
}
