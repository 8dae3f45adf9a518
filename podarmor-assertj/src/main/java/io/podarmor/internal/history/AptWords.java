package io.podarmor.internal.history;

/**
 * Text read word by word as apt's {@code ParseQuoteWord} and {@code ParseCWord} read it, where apt reads its
 * configuration and its one-line sources: quotes removed, {@code %xx} decoded, quoted pieces joined.
 */
final class AptWords {
  /** apt reads words into a buffer of this many characters. */
  private static final int WORD = 1024;

  private final String text;
  private int at;

  AptWords(String text) {
    this.text = text;
  }

  boolean atEnd() {
    return at == text.length();
  }

  /** Whether the next character is {@code c}. */
  boolean at(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  /** Steps over {@code n} characters, then over white space. */
  void skip(int n) {
    at += n;
    while (at < text.length() && AptConfigSyntax.isSpace(text.charAt(at))) {
      at++;
    }
  }

  /** Steps back to the last {@code c} at or before the current place; false when there is none. */
  boolean backTo(char c) {
    for (int i = Math.min(at, text.length() - 1); i >= 0; i--) {
      if (text.charAt(i) == c) {
        at = i;
        return true;
      }
    }
    return false;
  }

  /**
   * One word up to white space outside quotes and brackets; quotes removed and {@code %xx} decoded; white space after
   * it skipped. Null when there is none, or a quote or bracket is not closed.
   */
  String quoteWord() {
    int c = at;
    while (c < text.length() && text.charAt(c) == ' ') {
      c++;
    }
    if (c == text.length()) {
      return null;
    }
    for (; c < text.length() && !AptConfigSyntax.isSpace(text.charAt(c)); c++) {
      char ch = text.charAt(c);
      if (ch == '"' || ch == '[') {
        c = text.indexOf(ch == '"' ? '"' : ']', c + 1);
        if (c < 0) {
          return null;
        }
      }
    }
    String word = dequoted(text, at, c);
    while (c < text.length() && AptConfigSyntax.isSpace(text.charAt(c))) {
      c++;
    }
    at = c;
    int nul = word.indexOf("\0");
    return nul < 0 ? word : word.substring(0, nul);
  }

  /**
   * The rest of the statement as quoted pieces joined, white space between them made one space; null when anything
   * stands outside quotes, a quote is not closed, or the rest is as long as apt's buffer.
   */
  String cWord() {
    int c = at;
    while (c < text.length() && text.charAt(c) == ' ') {
      c++;
    }
    if (c == text.length() || text.length() - at >= WORD) {
      return null;
    }
    StringBuilder word = new StringBuilder();
    for (; c < text.length(); c++) {
      char ch = text.charAt(c);
      if (ch == '"') {
        int close = text.indexOf('"', c + 1);
        if (close < 0) {
          return null;
        }
        word.append(text, c + 1, close);
        c = close;
        continue;
      }
      if (c != at && AptConfigSyntax.isSpace(ch) && AptConfigSyntax.isSpace(text.charAt(c - 1))) {
        continue;
      }
      if (!AptConfigSyntax.isSpace(ch)) {
        return null;
      }
      word.append(' ');
    }
    at = c;
    return word.toString();
  }

  /**
   * {@code text[from, to)} as apt's {@code ParseQuoteWord} de-quotes a word: quotes removed, {@code %xx} decoded, at
   * most {@value #WORD} characters.
   */
  static String dequoted(String text, int from, int to) {
    StringBuilder word = new StringBuilder();
    for (int i = from; i < to && word.length() < WORD; ) {
      char ch = text.charAt(i);
      if (ch == '%' && i + 2 < to && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        word.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      if (ch != '"') {
        word.append(ch);
      }
      i++;
    }
    return word.toString();
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
