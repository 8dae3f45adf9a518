package io.podarmor.internal.runtime;

import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ProcessExitedException;

/** Tells "the main process has exited" apart from other engine errors, with a message that says what to do. */
public final class Liveness {
  /** The advice given when a check needs the main process and it has exited. */
  public static final String KEEP_ALIVE_ADVICE = "An image whose main process exits at once, like a CLI tool, needs"
      + " a keep-alive command for runtime checks: RuntimeProfile#withKeepAlive(\"/path/to/program\", \"args…\"),"
      + " or @KeepAlive with the JUnit extension";

  private Liveness() {}

  /** The state, when the main process is running; else a {@link ProcessExitedException} naming the action. */
  public static ContainerState requireRunning(String containerId, String what, String action) {
    ContainerState state = ContainerState.of(containerId, what);
    if (!state.running) {
      throw exited(containerId, what, action, state);
    }
    return state;
  }

  /**
   * After a read that found no main process: a {@link ProcessExitedException} if it has exited since (its exit code
   * and the keep-alive advice, as when the exit is seen first), else {@code e}.
   */
  public static ContainerException exitedSince(String containerId, String what, String action, ContainerException e) {
    ContainerState state;
    try {
      state = ContainerState.of(containerId, what);
    } catch (ContainerException inspectFailed) {
      return e;
    }
    return state.running ? e : exited(containerId, what, action, state);
  }

  /** After an engine error: a {@link ProcessExitedException} if the process has exited, else the engine's error. */
  static ContainerException notRunningOr(String containerId, String what, String action, RuntimeException e) {
    ContainerState state;
    try {
      state = ContainerState.of(containerId, what);
    } catch (ContainerException inspectFailed) {
      return inspectFailed;
    }
    if (!state.running) {
      return exited(containerId, what, action, state);
    }
    return new ContainerException("Cannot " + action + " in the container of " + what + " ("
        + ContainerState.shortId(containerId) + "): " + EngineErrors.message(e), e);
  }

  private static ProcessExitedException exited(String containerId, String what, String action, ContainerState s) {
    return new ProcessExitedException(message(containerId, what, action, s), s.exitCode);
  }

  /** The text of {@link ProcessExitedException}s. */
  public static String message(String containerId, String what, String action, ContainerState s) {
    return "Cannot " + action + ": the main process of the container of " + what + " ("
        + ContainerState.shortId(containerId) + ") has exited with code " + s.exitCode
        + (s.oomKilled ? " (killed for lack of memory)" : "")
        + ". " + KEEP_ALIVE_ADVICE;
  }
}
