package io.podarmor.internal.packages;

/**
 * The lines of a package database one at a time, as {@code split("\n", -1)} gives them, without making them all at
 * once: a database of millions of blank lines (within the bytes kept of it) costs no array of millions of strings.
 */
final class Lines {
  private final String text;
  private int from;
  private boolean done;

  Lines(String text) {
    this.text = text;
  }

  /** The next line, without its {@code \n}; {@code null} after the last. */
  String next() {
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
