package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private static final String KEPT = "/etc/apt/";
  /**
   * What the layer pass keeps for this check: the files under {@code /etc/apt/}, up to 1 MiB each (apt's
   * configuration, and what it may include from there).
   */
  public static final RetainedFiles RETAINED = new RetainedFiles("apt configuration", p -> p.startsWith(KEPT),
      1L << 20);
  /** Longer than any value apt reads as true: a value is looked at only this far, so a scan stays linear. */
  private static final int MAX_VALUE = 16;
  /** The longest path read after an option that moves apt's files. */
  private static final int MAX_PATH = 4096;

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
        Optional<Value> value = valueAfter(text, at + option.length(), MAX_VALUE);
        if (value.isPresent() && AptTrust.isTrue(value.get().value())) {
          found.add("apt option " + text.substring(at, at + option.length()) + value.get().shown());
        }
      }
    }
    for (String option : AptPaths.OPTIONS) {
      for (int at = indexOfIgnoreCase(text, option, 0); at >= 0;
          at = indexOfIgnoreCase(text, option, at + option.length())) {
        Optional<Value> value = startsWord(text, at) ? valueAfter(text, at + option.length(), MAX_PATH)
            : Optional.empty();
        if (value.isPresent() && !AptPaths.isDefault(option, value.get().value())) {
          found.add("apt option " + text.substring(at, at + option.length()) + value.get().shown()
              + ": apt reads its files from there, so not verified");
        }
      }
    }
    return found;
  }

  /** An option name starts a word: {@code -o Dir=…}, {@code -oDir=…}, {@code 'Dir "…"'}, not {@code WORKDIR=…}. */
  private static boolean startsWord(String text, int at) {
    return at == 0 || " \t\n'\"{;".indexOf(text.charAt(at - 1)) >= 0 || at >= 2 && text.startsWith("-o", at - 2);
  }

  /** A value found after an option name, and how it was written. */
  private record Value(String value, boolean assigned) {
    String shown() {
      return assigned ? "=" + value : " \"" + value + "\"";
    }
  }

  private static Optional<Value> valueAfter(String text, int from, int max) {
    if (from < text.length() && text.charAt(from) == '=') {
      int start = from + 1;
      if (start < text.length() && text.charAt(start) == '\\') {
        start++;
      }
      if (start < text.length() && (text.charAt(start) == '"' || text.charAt(start) == '\'')) {
        start++; // the shell takes the quotes off: ='true' is =true to apt
      }
      int end = start;
      while (end < text.length() && end - start <= max && !Character.isWhitespace(text.charAt(end))
          && "\\\"';&|)=".indexOf(text.charAt(end)) < 0) { // '=' too: a scan never runs over the next option
        end++;
      }
      return end - start > max ? Optional.empty() : Optional.of(new Value(text.substring(start, end), true));
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
    while (end < text.length() && end - start <= max && text.charAt(end) != '"' && text.charAt(end) != '\\') {
      end++;
    }
    return end - start > max ? Optional.empty() : Optional.of(new Value(text.substring(start, end), false));
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
   * that set it last; what apt would read that PodArmor cannot (a file whose content was not kept, an include it
   * cannot follow, apt's files moved elsewhere by {@code APT_CONFIG} or {@code Dir::Etc}) is reported as not verified.
   *
   * @param env the image's environment, where {@code APT_CONFIG} names a file apt reads first
   */
  public static List<String> find(ImageFilesystem fs, Map<String, String> env) {
    List<String> found = new ArrayList<>();
    String aptConfig = env.getOrDefault("APT_CONFIG", "");
    if (!aptConfig.isEmpty()) {
      found.add("ENV APT_CONFIG=" + aptConfig + ": apt reads its configuration from there first, so not verified");
    }
    List<FileEntry> files = new ArrayList<>();
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
    Reading reading = new Reading(fs, found);
    for (FileEntry file : files) {
      reading.file(file, 0);
    }
    for (Setting s : reading.settings.values()) {
      if (s.relocates() ? !AptPaths.isDefault(s.name, s.value) : AptTrust.isTrue(s.value)) {
        found.add(s.file.path() + ":" + s.line + ": " + s.name + " \"" + s.value + "\" (from "
            + s.file.layerDescription() + ")" + (s.relocates() ? ": apt reads its files from there, so not verified"
            : ""));
      }
    }
    return found;
  }

  /** The last value an option was given, and where. */
  record Setting(String name, String value, FileEntry file, int line) {
    /** An option that moves apt's files rather than one that turns checks off. */
    boolean relocates() {
      return AptPaths.OPTIONS.contains(name);
    }
  }

  /**
   * Reads one file in apt's syntax ({@link AptConfigSyntax}) into {@code settings}, the options of {@link #OPTIONS}
   * and {@link AptPaths#OPTIONS} by their last values; an {@code #include} is not followed. False when apt refuses
   * the file.
   */
  static boolean read(String text, FileEntry file, Map<String, Setting> settings) {
    return AptConfigSyntax.read(text, new Options(file, settings) {
      @Override
      public boolean include(String path, int line) {
        return false;
      }

      @Override
      public boolean configureIndex(String path, int line) {
        return false;
      }
    });
  }

  /** The options a file sets, kept by their last values; {@code #clear} forgets them. */
  private abstract static class Options implements AptConfigSyntax.Statements {
    private final FileEntry file;
    private final Map<String, Setting> settings;

    Options(FileEntry file, Map<String, Setting> settings) {
      this.file = file;
      this.settings = settings;
    }

    @Override
    public void set(String item, String value, int line) {
      for (List<String> options : List.of(OPTIONS, AptPaths.OPTIONS)) {
        for (String option : options) {
          if (equalsAscii(option, item)) {
            settings.put(lowerAscii(option), new Setting(option, value, file, line));
          }
        }
      }
    }

    @Override
    public void clear(String tree) {
      String name = lowerAscii(tree);
      settings.keySet().removeIf(k -> k.equals(name) || k.startsWith(name + "::"));
    }
  }

  /** The image's apt configuration, read file by file and through its includes. */
  private static final class Reading {
    /** apt refuses an include in a file deeper than this (the files of apt.conf.d are at depth 0). */
    private static final int MAX_DEPTH = 10;
    /**
     * The most includes followed, and the most files read through them, so that a file including itself, or a
     * directory of many files included many times, costs little.
     */
    private static final int MAX_FILES = 256;
    /** The most text read through includes. */
    private static final int MAX_INCLUDED = 8 << 20;
    private final ImageFilesystem fs;
    private final List<String> found;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private int filesRead;
    private int includes;
    private long included;
    private boolean overBudget;

    Reading(ImageFilesystem fs, List<String> found) {
      this.fs = fs;
      this.found = found;
    }

    /** Reads one file at this include depth; false when apt refuses it. */
    boolean file(FileEntry file, int depth) {
      if (depth > 0 && ++filesRead > MAX_FILES) {
        return overBudget(file.path());
      }
      Optional<String> text = ConfigFiles.text(fs, file, found);
      if (text.isPresent() && depth > 0 && (included += text.get().length()) > MAX_INCLUDED) {
        return overBudget(file.path());
      }
      return text.isEmpty() || AptConfigSyntax.read(text.get(), new Options(file, settings) {
        @Override
        public boolean include(String path, int line) {
          return Reading.this.include(file.path() + ":" + line + ": #include of " + path, path, depth);
        }

        @Override
        public boolean configureIndex(String path, int line) {
          found.add(file.path() + ":" + line + ": #x-apt-configure-index " + path + ", after which apt reads no "
              + "further in the file when the index does not load, so not verified");
          return false;
        }
      });
    }

    private boolean overBudget(String where) {
      if (!overBudget) {
        overBudget = true;
        found.add(where + ": apt's configuration includes more files than PodArmor follows (" + MAX_FILES + ", or "
            + (MAX_INCLUDED >> 20) + " MiB), so not verified");
      }
      return false;
    }

    private boolean include(String where, String path, int depth) {
      if (depth > MAX_DEPTH) {
        return false; // "Too many nested includes"
      }
      if (++includes > MAX_FILES) {
        return overBudget(where);
      }
      if (!path.startsWith("/")) {
        found.add(where + ", a path apt reads from its working directory, so not verified");
        return false;
      }
      boolean directory = path.length() > 2 && path.endsWith("/");
      Optional<FileEntry> target = fs.resolve(path);
      if (target.isEmpty()) {
        found.add(where + ", which is not in the image, so not verified");
        return false;
      }
      if (directory != target.get().isDirectory()) {
        found.add(where + ", " + (directory ? "not a directory" : "a directory, which apt cannot read as a file")
            + ", so not verified");
        return false;
      }
      String at = target.get().path();
      if (directory) {
        String prefix = at + "/";
        boolean read = true;
        for (FileEntry entry : fs.entries()) {
          if (entry.path().startsWith(prefix) && entry.path().indexOf('/', prefix.length()) < 0
              && readByApt(entry.path().substring(prefix.length()))) {
            read &= file(entry, depth + 1);
            if (overBudget) {
              return false;
            }
          }
        }
        return read;
      }
      if (!at.startsWith(KEPT)) {
        found.add(where + ", whose content PodArmor does not keep (it keeps the files under /etc/apt), so not "
            + "verified");
        return false;
      }
      return file(target.get(), depth + 1);
    }
  }

  static boolean equalsAscii(String a, String b) {
    return a.length() == b.length() && lowerAscii(a).equals(lowerAscii(b));
  }

  /** Lower case as apt compares names: ASCII letters only. */
  static String lowerAscii(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }
}
