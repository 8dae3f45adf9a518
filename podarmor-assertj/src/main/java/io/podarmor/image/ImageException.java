package io.podarmor.image;

/**
 * Thrown when an image cannot be read or is not what it claims to be: a missing image or path, a corrupt or
 * truncated archive, a digest mismatch, an unknown media type. The message names the input and what was expected.
 */
public class ImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public ImageException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
