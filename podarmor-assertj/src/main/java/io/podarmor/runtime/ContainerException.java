package io.podarmor.runtime;

/**
 * Thrown when a container cannot be started, inspected or exec'd into: no engine, an image the engine does not
 * have, an engine that refuses the container, a main process that has already exited. The message names the
 * container's image and says what to do.
 */
public class ContainerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public ContainerException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public ContainerException(String message, Throwable cause) {
    super(message, cause);
  }
}
