package io.podarmor.internal.runtime;

import com.github.dockerjava.api.command.LogContainerCmd;
import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.ContainerException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Reads a container's log (standard output and error, interleaved as the engine stored them). */
public final class LogReader {
  private LogReader() {}

  /** The whole log, or its last {@code tail} lines when {@code tail > 0}. */
  public static String logs(String containerId, String what, int tail) {
    LogContainerCmd cmd = Docker.client().logContainerCmd(containerId).withStdOut(true).withStdErr(true)
        .withFollowStream(false);
    if (tail > 0) {
      cmd.withTail(tail);
    } else {
      cmd.withTailAll();
    }
    FrameCollector frames = new FrameCollector();
    try {
      cmd.exec(frames);
      if (!frames.awaitCompletion(30, TimeUnit.SECONDS)) {
        throw new ContainerException("Reading the log of the container of " + what + " took longer than 30s");
      }
      return frames.combined();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerException("Interrupted while reading the log of the container of " + what, e);
    } catch (ContainerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ContainerException("Cannot read the log of the container of " + what + " ("
          + ContainerState.shortId(containerId) + "): " + EngineErrors.message(e), e);
    } finally {
      try {
        frames.close();
      } catch (IOException ignored) {
        // nothing to release
      }
    }
  }
}
