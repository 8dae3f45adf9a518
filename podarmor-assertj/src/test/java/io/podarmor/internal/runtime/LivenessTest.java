package io.podarmor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ProcessExitedException;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.Layer;
import io.podarmor.testing.RuntimeImages;
import io.podarmor.testing.TestImage;
import org.junit.jupiter.api.Test;

/**
 * A main process that exits while a check reads it is reported as an exit (its code and the keep-alive advice),
 * never as "no process with host PID …" from a process list read just after it ended.
 */
class LivenessTest {
  static final TestImage BRIEF = TestImage.named("podarmor-test-ext/brief:1")
      .entrypoint("/bin/busybox", "sleep", "0.4")
      .layer(Layer.create().dir("/bin", 0755).copy("/bin/busybox", Binaries.busybox(), 0755));

  @Test
  void a_process_list_without_the_main_process_of_an_exited_container_is_its_exit() throws Exception {
    try (RunningContainer cli = RunningContainer.start(ContainerImage.fromDaemon(RuntimeImages.cli()))) {
      awaitExit(cli);
      ContainerException missing = new ContainerException("no process with host PID 1");

      ContainerException seen = Liveness.exitedSince(cli.id(), "the cli", "read the user of the main process", missing);

      assertThat(seen).isInstanceOf(ProcessExitedException.class)
          .hasMessageContaining("the main process of the container of the cli (" + cli.id().substring(0, 12)
              + ") has exited with code 0")
          .hasMessageContaining(Liveness.KEEP_ALIVE_ADVICE);
      assertThat(((ProcessExitedException) seen).exitCode()).isZero();
    }
  }

  @Test
  void a_running_container_keeps_the_original_error() {
    try (RunningContainer build = RunningContainer.start(ContainerImage.fromDaemon(RuntimeImages.build()))) {
      ContainerException missing = new ContainerException("no process with host PID 1");

      assertThat(Liveness.exitedSince(build.id(), "the build", "read", missing)).isSameAs(missing);
    }
  }

  @Test
  void reading_the_main_process_across_its_exit_never_reports_a_missing_process() throws Exception {
    BRIEF.loadIntoDocker();
    try {
      for (int run = 0; run < 3; run++) {
        try (RunningContainer brief = RunningContainer.start(ContainerImage.fromDaemon(BRIEF.reference()))) {
          RuntimeException last = null;
          long deadline = System.nanoTime() + 10_000_000_000L;
          while (last == null && System.nanoTime() < deadline) {
            try {
              brief.mainProcess();
            } catch (RuntimeException e) {
              last = e;
            }
          }
          assertThat(last).as("the read after the exit").isInstanceOf(ProcessExitedException.class);
        }
      }
    } finally {
      BRIEF.removeFromDocker();
    }
  }

  private static void awaitExit(RunningContainer c) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (c.isRunning() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
