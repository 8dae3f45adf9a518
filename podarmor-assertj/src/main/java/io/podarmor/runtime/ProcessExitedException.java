package io.podarmor.runtime;

/**
 * Thrown by checks that need the container's main process alive ({@link RunningContainer#processUid()},
 * {@link RunningContainer#exec(String...)}) when it has already exited, as a CLI image's process does at once.
 * The message suggests a keep-alive command ({@link RuntimeProfile#withKeepAlive(String...)}).
 */
public class ProcessExitedException extends ContainerException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** An exception saying that the main process exited with this code. */
  public ProcessExitedException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The main process' exit code. */
  public int exitCode() {
    return exitCode;
  }
}
