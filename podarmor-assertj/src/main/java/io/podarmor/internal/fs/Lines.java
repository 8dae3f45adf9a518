package io.podarmor.internal.fs;

/**
 * The lines of a kept text file one at a time, as {@code split("\n", -1)} gives them, without making them all at
 * once: a file of millions of short lines (within the bytes kept of it) costs no array of millions of strings.
 */
public final class Lines {
  private final String text;
  private int from;
  private boolean done;

  public Lines(String text) {
    this.text = text;
  }

  /** The next line, without its {@code \n}; {@code null} after the last. */
  public String next() {
    if (done) {
      return null;
    }
    int newline = text.indexOf('\n', from);
    if (newline < 0) {
      done = true;
      return text.substring(from);
    }
    String line = text.substring(from, newline);
    from = newline + 1;
    return line;
  }
}
