package io.podarmor.internal.tar;

import java.io.IOException;

/** A tar stream that Go's {@code archive/tar}, and so the engine, would not read. */
public final class TarFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public TarFormatException(String message) {
    super(message);
  }
}
