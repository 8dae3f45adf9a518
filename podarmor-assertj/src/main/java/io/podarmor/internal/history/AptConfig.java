package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CIS 4.11, apt's own configuration: the options that let apt install what it cannot verify ({@code
 * APT::Get::AllowUnauthenticated}, {@code Acquire::AllowInsecureRepositories}, {@code
 * Acquire::AllowDowngradeToInsecureRepositories}) set to a value apt reads as true. In a RUN step as {@code -o
 * Name=value} or as apt.conf text the step writes ({@code Name "value"}); in the image, as apt itself reads its
 * configuration: the files of {@code /etc/apt/apt.conf.d/} it accepts, in order, then {@code /etc/apt/apt.conf}, the
 * last value of an option winning, nested scopes ({@code APT { Get { … }; };}) and comments understood.
 */
public final class AptConfig {
  /** The options, as apt spells them (apt compares names without regard to case). */
  static final List<String> OPTIONS = List.of("APT::Get::AllowUnauthenticated", "Acquire::AllowInsecureRepositories",
      "Acquire::AllowDowngradeToInsecureRepositories");
  private static final String MAIN = "/etc/apt/apt.conf";
  private static final String PARTS = "/etc/apt/apt.conf.d/";
  /** What the layer pass keeps for this check: apt's configuration files, up to 1 MiB each. */
  public static final RetainedFiles RETAINED = new RetainedFiles("apt configuration", AptConfig::isAptConfig,
      1L << 20);
  /**
   * Scopes deeper than this can hold none of the options (apt refuses a scope without a name, and each option has
   * three parts): statements there are not read, so a file of many nested scopes costs no more than its length.
   */
  private static final int MAX_SCOPES = 3;
  /** Longer than any value apt reads as true: a value is looked at only this far, so a scan stays linear. */
  private static final int MAX_VALUE = 16;

  private AptConfig() {}

  /** True for {@code /etc/apt/apt.conf} and the files directly in {@code /etc/apt/apt.conf.d/}. */
  public static boolean isAptConfig(String path) {
    return path.equals(MAIN)
        || path.startsWith(PARTS) && path.length() > PARTS.length() && path.indexOf('/', PARTS.length()) < 0;
  }

  /**
   * Whether apt reads a file of this name in {@code apt.conf.d}: only letters, digits, {@code _}, {@code -},
   * {@code :} and {@code .}, not starting or ending with {@code .}, and no extension or {@code .conf} (apt ignores
   * the others, with a notice or silently, as {@code apt-config dump} shows).
   */
  static boolean readByApt(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
          || c == ':' || c == '.';
      if (!ok) {
        return false;
      }
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 || name.substring(dot + 1).equals("conf");
  }

  /**
   * The options a RUN step's text sets to true, one reason each: {@code apt option Name=value} or {@code apt option
   * Name "value"}. Each option name is looked for wherever it stands (in any case); its value follows an {@code =}, or
   * white space and a quote (escaped or not, as a shell would have it). Linear in the text's length.
   */
  static List<String> inRunStep(String text) {
    List<String> found = new ArrayList<>();
    for (String option : OPTIONS) {
      for (int at = indexOfIgnoreCase(text, option, 0); at >= 0;
          at = indexOfIgnoreCase(text, option, at + option.length())) {
        Optional<Value> value = valueAfter(text, at + option.length());
        if (value.isPresent() && AptTrust.isTrue(value.get().value())) {
          found.add("apt option " + text.substring(at, at + option.length()) + value.get().shown());
        }
      }
    }
    return found;
  }

  /** A value found after an option name, and how it was written. */
  private record Value(String value, boolean assigned) {
    String shown() {
      return assigned ? "=" + value : " \"" + value + "\"";
    }
  }

  private static Optional<Value> valueAfter(String text, int from) {
    if (from < text.length() && text.charAt(from) == '=') {
      int start = from + 1;
      if (start < text.length() && text.charAt(start) == '\\') {
        start++;
      }
      if (start < text.length() && (text.charAt(start) == '"' || text.charAt(start) == '\'')) {
        start++; // the shell takes the quotes off: ='true' is =true to apt
      }
      int end = start;
      while (end < text.length() && end - start <= MAX_VALUE && !Character.isWhitespace(text.charAt(end))
          && "\\\"';&|)".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      return end - start > MAX_VALUE ? Optional.empty() : Optional.of(new Value(text.substring(start, end), true));
    }
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i == from) {
      return Optional.empty();
    }
    if (i < text.length() && text.charAt(i) == '\\') {
      i++;
    }
    if (i >= text.length() || text.charAt(i) != '"') {
      return Optional.empty();
    }
    int start = i + 1;
    int end = start;
    while (end < text.length() && end - start <= MAX_VALUE && text.charAt(end) != '"' && text.charAt(end) != '\\') {
      end++;
    }
    return end - start > MAX_VALUE ? Optional.empty() : Optional.of(new Value(text.substring(start, end), false));
  }

  private static int indexOfIgnoreCase(String text, String word, int from) {
    char first = Character.toLowerCase(word.charAt(0));
    for (int i = from; i + word.length() <= text.length(); i++) {
      if (Character.toLowerCase(text.charAt(i)) == first && text.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * One evidence line per option the image's apt configuration ends up setting to true, naming the file and line
   * that set it last; a file apt reads whose content was not kept is reported as not verified.
   */
  public static List<String> find(ImageFilesystem fs) {
    List<FileEntry> files = new ArrayList<>();
    List<String> found = new ArrayList<>();
    FileEntry main = null;
    for (FileEntry entry : fs.entries()) {
      if (!isAptConfig(entry.path())) {
        continue;
      }
      if (entry.path().equals(MAIN)) {
        main = entry;
      } else if (readByApt(entry.path().substring(PARTS.length()))) {
        files.add(entry); // entries come sorted by path: apt's order
      }
    }
    if (main != null) {
      files.add(main);
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (FileEntry file : files) {
      ConfigFiles.text(fs, file, found).ifPresent(text -> read(text, file, settings));
    }
    for (Setting s : settings.values()) {
      if (AptTrust.isTrue(s.value)) {
        found.add(s.file.path() + ":" + s.line + ": " + s.name + " \"" + s.value + "\" (from "
            + s.file.layerDescription() + ")");
      }
    }
    return found;
  }

  /** The last value an option was given, and where. */
  record Setting(String name, String value, FileEntry file, int line) {}

  /**
   * Reads one file in apt's syntax: {@code Name "value";}, {@code Name value;}, scopes {@code Name { … };},
   * comments ({@code //} or {@code #} to the end of the line, {@code /* … *&#47;}; {@code #clear Name;} forgets a
   * tree), keeping the options of {@link #OPTIONS}. A statement without its {@code ;} sets nothing (apt refuses the
   * file). Linear in the text's length.
   */
  static void read(String text, FileEntry file, Map<String, Setting> settings) {
    Deque<String> scopes = new ArrayDeque<>();
    int depth = 0; // scopes open, of which the first MAX_SCOPES are kept
    StringBuilder statement = new StringBuilder();
    boolean started = false; // the statement has more than white space
    int line = 1;
    int statementLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          return; // an unterminated quote: apt refuses the file
        }
        if (!started) {
          started = true;
          statementLine = line;
        }
        statement.append(text, i, end + 1);
        line += count(text, i, end, '\n');
        i = end;
      } else if (c == '#' || c == '/' && text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        String comment = text.substring(i, end < 0 ? text.length() : end);
        if (comment.startsWith("#clear")) {
          clear(comment.substring(6).replace(";", "").strip(), scopes, settings);
        }
        i = (end < 0 ? text.length() : end) - 1;
      } else if (c == '/' && text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          return;
        }
        line += count(text, i, end, '\n');
        i = end + 1;
      } else if (c == '{' || c == '}' || c == ';') {
        if (c == '{') {
          depth++;
          if (depth <= MAX_SCOPES) {
            scopes.push(statement.toString().strip());
          }
        } else if (c == '}') {
          if (depth > 0 && depth-- <= MAX_SCOPES) {
            scopes.poll();
          }
        } else if (depth <= MAX_SCOPES) {
          set(statement.toString().strip(), scopes, file, statementLine, settings);
        }
        statement.setLength(0);
        started = false;
      } else {
        if (!started && !Character.isWhitespace(c)) {
          started = true;
          statementLine = line;
        }
        statement.append(Character.isWhitespace(c) ? ' ' : c);
      }
    }
  }

  private static int count(String text, int from, int to, char c) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** {@code name value} or {@code name "value"} in the current scopes. */
  private static void set(String statement, Deque<String> scopes, FileEntry file, int line,
      Map<String, Setting> settings) {
    if (statement.isEmpty()) {
      return;
    }
    int space = 0;
    while (space < statement.length() && !Character.isWhitespace(statement.charAt(space))) {
      space++;
    }
    String name = qualified(statement.substring(0, space), scopes);
    String value = statement.substring(space).strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    for (String option : OPTIONS) {
      if (option.equalsIgnoreCase(name)) {
        settings.put(option.toLowerCase(Locale.ROOT), new Setting(option, value, file, line));
      }
    }
  }

  private static String qualified(String name, Deque<String> scopes) {
    StringBuilder full = new StringBuilder();
    for (Iterator<String> outer = scopes.descendingIterator(); outer.hasNext(); ) {
      full.append(outer.next()).append("::");
    }
    return full.append(name).toString();
  }

  private static void clear(String name, Deque<String> scopes, Map<String, Setting> settings) {
    String tree = qualified(name, scopes).toLowerCase(Locale.ROOT);
    settings.keySet().removeIf(k -> k.equals(tree) || k.startsWith(tree + "::"));
  }
}
