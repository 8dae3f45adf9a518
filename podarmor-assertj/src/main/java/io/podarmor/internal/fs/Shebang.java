package io.podarmor.internal.fs;

import io.podarmor.internal.tar.Names;

/**
 * The interpreter a script's {@code #!} line names, read as the kernel's {@code binfmt_script} reads it: from the
 * file's first {@value #BUFFER} bytes, the first word after {@code #!} (spaces and tabs before it skipped; a space,
 * tab or NUL ends it) on the first line. A line that names nothing, or whose name may be cut off at the end of those
 * bytes, cannot be run: {@code ""}.
 */
public final class Shebang {
  /** {@code BINPRM_BUF_SIZE}: how much of a file the kernel reads to decide how to run it. */
  public static final int BUFFER = 256;

  private Shebang() {}

  /**
   * The interpreter, {@code ""} for a {@code #!} line the kernel refuses, or {@code null} when no script. Bytes past
   * the file's end read as NUL, as in the kernel's zeroed buffer.
   */
  public static String interpreter(byte[] head, int length) {
    int n = Math.min(length, BUFFER);
    if (n < 2 || head[0] != '#' || head[1] != '!') {
      return null;
    }
    int lineEnd = BUFFER - 1; // buf_end: with no newline, a name must end before the buffer's last byte
    boolean newline = false;
    for (int i = 0; i < BUFFER; i++) {
      if (at(head, n, i) == '\n') {
        lineEnd = i;
        newline = true;
        break;
      }
    }
    int start = 2;
    while (start < lineEnd && spaceOrTab(at(head, n, start))) {
      start++;
    }
    int stop = start;
    while (stop < lineEnd && !spaceOrTab(at(head, n, stop)) && at(head, n, stop) != 0) {
      stop++;
    }
    if (start == stop || !newline && stop == lineEnd) {
      return ""; // no name, or a name that may go on past what the kernel reads
    }
    return Names.decode(head, start, stop - start);
  }

  private static byte at(byte[] head, int n, int i) {
    return i < n ? head[i] : 0;
  }

  private static boolean spaceOrTab(byte b) {
    return b == ' ' || b == '\t';
  }
}
