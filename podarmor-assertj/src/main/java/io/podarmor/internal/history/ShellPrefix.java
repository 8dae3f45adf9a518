package io.podarmor.internal.history;

import java.util.Set;

/**
 * The shell and its options before {@code -c} at the start of a command: {@code /bin/sh -c}, {@code /bin/bash -o
 * pipefail -c}, {@code sh -ec}. What the pattern
 * {@code ^(?:\S*\/)?(?:sh|bash|…)((?:\s+(?:-o\s+\S+|[-+][a-zA-Z]+))*?)\s+-[a-zA-Z]*c(?:\s|$)} finds, found in time
 * linear in the text: that pattern backtracks through every way of reading each {@code -o} (an option of its own, or
 * one taking the next word), twice as long for every two words, so that a few hundred bytes of history took hours.
 */
final class ShellPrefix {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
  /** Words read after the shell: a real prefix has a handful of options; more are no shell prefix. */
  static final int MAX_WORDS = 4096;
  private static final int FAIL = -1;

  private ShellPrefix() {}

  /** The length of the prefix, up to and with the white space character after {@code -c}; -1 when there is none. */
  static int length(String text) {
    int[] starts = new int[Math.min(MAX_WORDS + 1, text.length() / 2 + 1)];
    int[] ends = new int[starts.length];
    int words = 0;
    int i = 0;
    while (words < starts.length) {
      while (i < text.length() && isSpace(text.charAt(i))) {
        i++;
      }
      if (i == text.length() || words == 0 && i > 0) {
        break;
      }
      starts[words] = i;
      while (i < text.length() && !isSpace(text.charAt(i))) {
        i++;
      }
      ends[words++] = i;
    }
    if (words < 2 || !isShell(text, starts[0], ends[0])) {
      return FAIL;
    }
    // the first match in the pattern's order, from the last word back: at each word, -c ends the prefix; else -o
    // taking the next word; else an option on its own
    int next = FAIL;
    int afterNext = FAIL;
    for (int w = words - 1; w >= 1; w--) {
      int here = end(text, starts[w], ends[w]);
      if (here == FAIL && isDashO(text, starts[w], ends[w])) {
        here = afterNext;
      }
      if (here == FAIL && isOption(text, starts[w], ends[w])) {
        here = next;
      }
      afterNext = next;
      next = here;
    }
    return next;
  }

  /** Where the match ends when this word is the {@code -…c} that ends the prefix, else -1. */
  private static int end(String text, int from, int to) {
    int last = to - 1;
    if (to == text.length() && to - from >= 3 && isFinalTerminator(text.charAt(last))) {
      return isDashC(text, from, last) ? last : FAIL; // $ before the text's final line terminator
    }
    if (!isDashC(text, from, to)) {
      return FAIL;
    }
    return to < text.length() ? to + 1 : to;
  }

  /** {@code -[a-zA-Z]*c}. */
  private static boolean isDashC(String text, int from, int to) {
    return to - from >= 2 && text.charAt(from) == '-' && text.charAt(to - 1) == 'c' && letters(text, from + 1, to);
  }

  /** {@code [-+][a-zA-Z]+}. */
  private static boolean isOption(String text, int from, int to) {
    return to - from >= 2 && (text.charAt(from) == '-' || text.charAt(from) == '+') && letters(text, from + 1, to);
  }

  private static boolean letters(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDashO(String text, int from, int to) {
    return to - from == 2 && text.charAt(from) == '-' && text.charAt(from + 1) == 'o';
  }

  /** {@code (?:\S*\/)?(?:sh|bash|…)}: the word, or what follows its last {@code /}, names a shell. */
  private static boolean isShell(String text, int from, int to) {
    int slash = text.lastIndexOf('/', to - 1);
    return SHELLS.contains(text.substring(slash >= from ? slash + 1 : from, to));
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** The pattern's {@code \s}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }

  /** Line terminators that are not {@code \s}, before which {@code $} also matches at the end of the text. */
  private static boolean isFinalTerminator(char c) {
    return c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
