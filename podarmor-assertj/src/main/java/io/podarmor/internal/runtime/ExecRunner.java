package io.podarmor.internal.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ExecResult;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a command in a running container ({@code docker exec}) and collects its output and exit code. */
public final class ExecRunner {
  private ExecRunner() {}

  /**
   * Runs the command; a command the engine cannot start at all yields the engine's exit code (126, 127) and
   * message, not an exception. Throws when the container is not running or the command outlives the timeout.
   */
  public static ExecResult exec(String containerId, String what, Duration timeout, String... command) {
    DockerClient client = Docker.client();
    String shown = String.join(" ", command);
    String execId;
    try {
      execId = client.execCreateCmd(containerId).withCmd(command).withAttachStdout(true).withAttachStderr(true)
          .exec().getId();
    } catch (RuntimeException e) {
      throw Liveness.notRunningOr(containerId, what, "exec " + shown, e);
    }
    FrameCollector frames = new FrameCollector();
    try {
      client.execStartCmd(execId).exec(frames);
      if (!frames.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ContainerException("exec " + shown + " in the container of " + what + " did not finish within "
            + timeout.toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerException("Interrupted while running exec " + shown + " in the container of " + what, e);
    } catch (ContainerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Liveness.notRunningOr(containerId, what, "exec " + shown, e);
    } finally {
      try {
        frames.close();
      } catch (IOException ignored) {
        // nothing to release
      }
    }
    return new ExecResult(exitCode(client, execId, shown, what), frames.stdout(), frames.stderr());
  }

  /** The exit code, which the engine records a moment after the output stream ends. */
  private static int exitCode(DockerClient client, String execId, String shown, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      InspectExecResponse r = client.inspectExecCmd(execId).exec();
      if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
        return r.getExitCodeLong().intValue();
      }
      if (System.nanoTime() > deadline) {
        throw new ContainerException("The engine recorded no exit code for exec " + shown + " in the container of "
            + what + " after its output ended");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerException("Interrupted while waiting for exec " + shown + " to finish", e);
      }
    }
  }
}
