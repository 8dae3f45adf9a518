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

class ContainerAssert_runsAsUid_Test {
  static RunningContainer nonRoot;
  static RunningContainer root;
  static RunningContainer cli;

  @BeforeAll
  static void startContainers() {
    nonRoot = start(RuntimeImages.shellless());
    root = start(RuntimeImages.root());
    cli = start(RuntimeImages.cli());
  }

  @AfterAll
  static void removeContainers() {
    for (RunningContainer c : new RunningContainer[] {nonRoot, root, cli}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void passesWhenTheMainProcessRunsAsTheUid() {
    new ContainerAssert(nonRoot).runsAsUid(65532);
    new ContainerAssert(root).runsAsUid(0);
  }

  @Test
  void failsWithTheProcessAsTheEngineListsIt() {
    AssertionError error = expectAssertionError(() -> new ContainerAssert(root).runsAsUid(65532));

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%nto run its main process as uid 65532%n"
        + "but found:%n  euid 0, ruid 0, egid 0, rgid 0: /catatonit -P", header(root)));
  }

  @Test
  void failsWithAdviceWhenTheMainProcessHasExited() throws InterruptedException {
    awaitExit(cli);

    AssertionError error = expectAssertionError(() -> new ContainerAssert(cli).runsAsUid(65532));

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%nto run its main process as uid 65532%n"
        + "but its main process has exited with code 0, so there is no process to check. An image whose main"
        + " process exits at once, like a CLI tool, needs a keep-alive command for runtime checks:"
        + " RuntimeProfile#withKeepAlive(\"/path/to/program\", \"args…\"), or @KeepAlive with the JUnit extension%n"
        + "last log lines:%n  tini version 0.1.7_catatonit", header(cli)));
  }
}
