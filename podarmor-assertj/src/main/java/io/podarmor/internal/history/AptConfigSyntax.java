package io.podarmor.internal.history;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * apt's reading of one configuration file, step for step as {@code ReadConfigFile} in apt-pkg does it: line by line,
 * tabs made spaces and each line stripped; {@code //}, {@code #} and {@code /* … *&#47;} comments unless an odd number
 * of quotes stands before them on the line ({@code #clear}, {@code #include} and {@code #x-apt-configure-index} are
 * not comments); statements ended by {@code ;}, {@code {} or {@code }} outside quotes, across lines; each statement's
 * name read as apt's {@code ParseQuoteWord} reads it (quotes removed, {@code %xx} decoded) and its value as
 * {@code ParseCWord} reads it (quoted pieces joined), or else as a name is. Where apt refuses the file, reading stops.
 * Linear in the text's length.
 */
final class AptConfigSyntax {
  /** What a file says, statement by statement. */
  interface Statements {
    /** {@code item} (its scopes joined with {@code ::}) is given {@code value} on {@code line}. */
    void set(String item, String value, int line);

    /** {@code #clear tree;} */
    void clear(String tree);

    /** {@code #include path;}: false when apt refuses it. */
    boolean include(String path, int line);

    /**
     * {@code #x-apt-configure-index path;}: false when reading stops there (apt warns and reads no further in the
     * file when it cannot load the index).
     */
    boolean configureIndex(String path, int line);
  }

  /**
   * Longer than any option PodArmor looks for: deeper scopes are followed without their names, so that a file of
   * many nested scopes costs no more than its length.
   */
  private static final int MAX_SCOPE_NAME = 64;
  /** The name of a scope longer than {@link #MAX_SCOPE_NAME}: no option lies inside it. */
  private static final String TOO_LONG = new String("…");

  private final Statements statements;
  private final StringBuilder buffer = new StringBuilder(); // apt's LineBuffer: a statement not yet ended
  private final Deque<String> stack = new ArrayDeque<>();
  private String parent = "";
  private boolean inComment;
  private int line;

  private AptConfigSyntax(Statements statements) {
    this.statements = statements;
  }

  /** Reads {@code text}; false when apt refuses the file (a syntax error, or an include apt refuses). */
  static boolean read(String text, Statements statements) {
    return new AptConfigSyntax(statements).read(text);
  }

  private boolean read(String text) {
    for (int from = 0; from < text.length(); ) {
      int newline = text.indexOf('\n', from);
      int end = newline < 0 ? text.length() : newline;
      String input = strip(text.substring(from, end).replace("\t", "        "));
      from = end + 1;
      line++;
      String fragment = withoutComments(input);
      if (!fragment.isEmpty() && !statements(fragment)) {
        return false;
      }
    }
    return buffer.length() == 0; // "Extra junk at end of file"
  }

  /** The line without its comments, and the state of a {@code /*} comment carried to the next line. */
  private String withoutComments(String input) {
    int start = 0;
    if (inComment) {
      int close = input.indexOf("*/");
      if (close < 0) {
        return "";
      }
      start = close + 2;
      inComment = false;
    }
    int stop = input.length();
    stop = lineComment(input, start, stop, '/');
    stop = lineComment(input, start, stop, '#');
    StringBuilder fragment = new StringBuilder(stop - start);
    boolean oddQuotes = false;
    for (int i = start; i < stop; ) {
      char c = input.charAt(i);
      if (c == '/' && i + 1 < stop && input.charAt(i + 1) == '*') {
        if (oddQuotes) {
          i += 2;
          continue;
        }
        fragment.append(input, start, i);
        int close = input.indexOf("*/", i + 2);
        if (close < 0 || close + 2 > stop) {
          inComment = true;
          return fragment.toString();
        }
        start = close + 2;
        i = start;
        oddQuotes = false;
        continue;
      }
      if (c == '"') {
        oddQuotes = !oddQuotes;
      }
      i++;
    }
    return fragment.append(input, start, stop).toString();
  }

  /**
   * Where a {@code //} comment ({@code kind} '/') or a {@code #} comment starts in {@code [start, stop)}: the first one
   * with an even number of quotes before it on the line; for {@code #}, one that starts no directive.
   */
  private static int lineComment(String input, int start, int stop, char kind) {
    boolean oddQuotes = false;
    for (int i = start; i < stop; i++) {
      char c = input.charAt(i);
      if (c == '"') {
        oddQuotes = !oddQuotes;
      } else if (c == kind && !oddQuotes) {
        if (kind == '/' ? i + 1 < stop && input.charAt(i + 1) == '/' : !directive(input, i + 1, stop)) {
          return i;
        }
      }
    }
    return stop;
  }

  private static boolean directive(String input, int at, int stop) {
    for (String magic : new String[] {"clear", "include", "x-apt-configure-index"}) {
      if (at + magic.length() <= stop && input.startsWith(magic, at)) {
        return true;
      }
    }
    return false;
  }

  /** Splits a line at {@code {}, {@code ;} and {@code }} outside quotes into statements, apt's way. */
  private boolean statements(String fragment) {
    boolean inQuote = false;
    int start = 0;
    for (int i = 0; i < fragment.length(); i++) {
      char c = fragment.charAt(i);
      if (c == '"') {
        inQuote = !inQuote;
      }
      if (inQuote || c != '{' && c != ';' && c != '}') {
        continue;
      }
      append(fragment, start, i);
      start = i + 1;
      if (buffer.length() == 0) {
        if (c == '{') {
          return false; // "Block starts with no name"
        }
        if (c == '}') {
          leaveScope();
        }
        continue;
      }
      if (!statement(buffer.toString(), c)) {
        return false;
      }
      buffer.setLength(0);
      if (c == '}') {
        leaveScope();
      }
    }
    append(fragment, start, fragment.length());
    return true;
  }

  private void append(String fragment, int from, int to) {
    while (from < to && isSpace(fragment.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(fragment.charAt(to - 1))) {
      to--;
    }
    if (buffer.length() > 0 && to > from) {
      buffer.append(' ');
    }
    buffer.append(fragment, from, to);
  }

  private void leaveScope() {
    parent = stack.isEmpty() ? "" : stack.pop();
  }

  /** One statement, ended by {@code term}: a name and its value, a scope opened, or a directive. */
  private boolean statement(String text, char term) {
    int nul = text.indexOf('\0');
    AptWords words = new AptWords(nul < 0 ? text : text.substring(0, nul)); // apt reads the statement as a C string
    String tag = words.quoteWord();
    if (tag == null) {
      return false; // "Malformed tag"
    }
    String word = words.cWord();
    if (word == null) {
      word = words.quoteWord();
    }
    boolean noWord = false;
    if (word == null) {
      if (term != '{') {
        word = tag;
        tag = "";
      } else {
        noWord = true;
      }
    }
    if (!words.atEnd()) {
      return false; // "Extra junk after value"
    }
    if (term == '{') {
      stack.push(parent);
      parent = parent.isEmpty() ? tag : joined(parent, tag);
      tag = "";
    }
    String item = parent.isEmpty() ? tag : term != '{' || !tag.isEmpty() ? joined(parent, tag) : parent;
    if (tag.startsWith("#")) {
      if (!parent.isEmpty()) {
        return false; // "Directives can only be done at the top level"
      }
      switch (tag.substring(1)) {
        case "clear" -> statements.clear(word);
        case "include" -> {
          return statements.include(word, line);
        }
        case "x-apt-configure-index" -> {
          return statements.configureIndex(word, line);
        }
        default -> {
          return false; // "Unsupported directive"
        }
      }
    } else if (tag.isEmpty() && !noWord && "#clear".equals(word)) {
      return false; // "clear directive requires an option tree as argument"
    } else if (!noWord && item != TOO_LONG) {
      statements.set(item, word, line);
    }
    return true;
  }

  private static String joined(String scope, String tag) {
    return scope == TOO_LONG || scope.length() + tag.length() > MAX_SCOPE_NAME ? TOO_LONG : scope + "::" + tag;
  }

  /** C's {@code isspace} in the C locale. */
  static boolean isSpace(char c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }

  private static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }
}
