package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.Lines;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CIS 4.11, in the image: apt sources that skip signature checks, {@code [trusted=yes]} in
 * {@code /etc/apt/sources.list} and {@code /etc/apt/sources.list.d/*.list}, {@code Trusted: yes} in deb822
 * {@code *.sources} files.
 */
public final class AptSources {
  private static final String APT_SOURCES = "/etc/apt/sources.list";
  private static final String APT_SOURCES_DIR = "/etc/apt/sources.list.d/";
  /** What the layer pass keeps for this check: every apt source list, up to 1 MiB each. */
  public static final RetainedFiles RETAINED = new RetainedFiles("apt sources", AptSources::isAptSource, 1L << 20);

  /** Trusting lines shown per file before the rest are counted. */
  private static final int LISTED = 10;
  /** Longer than any value apt reads as a boolean: a value continued further is no boolean, and is not copied on. */
  private static final int MAX_VALUE = 16;
  /** Characters of a line shown in evidence. */
  private static final int SHOWN_CHARS = 200;

  private AptSources() {}

  /**
   * True for apt's source lists: {@code /etc/apt/sources.list}, {@code /etc/apt/sources.list.d/*.list} and deb822
   * {@code *.sources} files there.
   */
  public static boolean isAptSource(String path) {
    if (path.equals(APT_SOURCES)) {
      return true;
    }
    if (!path.startsWith(APT_SOURCES_DIR) || path.indexOf('/', APT_SOURCES_DIR.length()) >= 0) {
      return false;
    }
    return path.endsWith(".list") || path.endsWith(".sources");
  }

  /**
   * One evidence line per trusting source line or stanza, the first {@value #LISTED} of each file and then how many
   * more; a sources file whose content was not kept is reported as such. Each line is read once, in time linear in its
   * length.
   */
  public static List<String> find(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    for (FileEntry entry : fs.entries()) {
      if (!isAptSource(entry.path())) {
        continue;
      }
      Optional<String> text = ConfigFiles.text(fs, entry, found); // apt follows a symlink, as this does
      if (text.isEmpty()) {
        continue;
      }
      List<Trusting> trusting = entry.path().endsWith(".sources") ? trustingStanzas(text.get())
          : trustingLines(text.get());
      for (Trusting t : trusting.subList(0, Math.min(LISTED, trusting.size()))) {
        found.add(entry.path() + ":" + t.line() + ": " + abbreviated(t.text()) + " (from " + entry.layerDescription()
            + ")");
      }
      if (trusting.size() > LISTED) {
        found.add(entry.path() + ": " + String.format(Locale.ROOT, "%,d", trusting.size() - LISTED)
            + " more lines trusting their repositories (from " + entry.layerDescription() + ")");
      }
    }
    return found;
  }

  /** A line, or a stanza's {@code Trusted} field, that trusts its repositories. */
  record Trusting(int line, String text) {}

  private static List<Trusting> trustingLines(String text) {
    List<Trusting> trusting = new ArrayList<>();
    Lines lines = new Lines(text);
    int lineNo = 0;
    for (String raw = lines.next(); raw != null; raw = lines.next()) {
      lineNo++;
      if (trustsOneLine(raw)) {
        trusting.add(new Trusting(lineNo, raw.strip()));
      }
    }
    return trusting;
  }

  /**
   * A one-line source whose options trust its repository, read as apt reads it: a {@code #} outside the brackets
   * starts a comment; the type {@code deb} or {@code deb-src}; then options in brackets, each a word as apt's
   * {@code ParseQuoteWord} reads it (quotes removed, {@code %xx} decoded), the last {@code trusted} winning with a value
   * apt reads as true ({@link AptTrust}). A line apt refuses trusts nothing: apt then installs nothing at all.
   */
  static boolean trustsOneLine(String raw) {
    String line = strip(withoutComment(raw));
    int type = 0;
    while (type < line.length() && !AptConfigSyntax.isSpace(line.charAt(type))) {
      type++;
    }
    if (!line.startsWith("deb") || type != 3 && !(type == 7 && line.startsWith("deb-src"))) {
      return false;
    }
    AptWords words = new AptWords(line.substring(type));
    words.skip(0);
    if (!words.at('[')) {
      return false;
    }
    words.skip(1);
    String trusted = null;
    while (!words.at(']')) {
      String option = words.quoteWord();
      if (option == null || option.length() < 3) {
        return false; // "[option] unparsable", "[option] too short"
      }
      if (option.endsWith("]")) { // the last option, with no space before the bracket
        if (!words.backTo(']')) {
          return false;
        }
        option = option.substring(0, option.length() - 1);
      }
      int eq = option.indexOf('=');
      if (eq <= 0 || eq == option.length() - 1) {
        return false; // "[option] not assignment", "no key", "no value"
      }
      if (option.startsWith("trusted=")) {
        trusted = option.substring(eq + 1);
      }
    }
    return trusted != null && AptTrust.isTrue(trusted);
  }

  /** The line up to a {@code #} that stands outside brackets (as many {@code ]} as {@code [} before it). */
  private static String withoutComment(String line) {
    int open = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '[') {
        open++;
      } else if (c == ']') {
        open--;
      } else if (c == '#' && open <= 0) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && AptConfigSyntax.isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && AptConfigSyntax.isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /**
   * The stanzas of a deb822 sources file that trust their repositories, read as apt reads them: stanzas apart by empty
   * lines, {@code #} lines skipped, field names in any case with white space before the colon, a line starting with
   * white space continuing the last field's value, the last of a repeated field winning; {@code Trusted} with a value
   * apt reads as true, in a stanza that {@code Enabled} does not turn off.
   */
  static List<Trusting> trustingStanzas(String text) {
    List<Trusting> trusting = new ArrayList<>();
    Stanza stanza = new Stanza();
    Lines lines = new Lines(text);
    int lineNo = 0;
    for (String raw = lines.next(); raw != null; raw = lines.next()) {
      lineNo++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isEmpty()) { // a line of white space continues the stanza, as apt reads it
        stanza.end(trusting);
        stanza = new Stanza();
      } else if (line.startsWith("#")) {
        continue;
      } else if (AptConfigSyntax.isSpace(line.charAt(0))) {
        stanza.continueLast(strip(line));
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          stanza.field(strip(line.substring(0, colon)), strip(line.substring(colon + 1)), lineNo);
        }
      }
    }
    stanza.end(trusting);
    return trusting;
  }

  /** The fields of one stanza PodArmor reads: {@code Trusted} and {@code Enabled}, with their lines. */
  private static final class Stanza {
    private String trusted;
    private int trustedLine;
    private String enabled;
    private String last = "";

    void field(String name, String value, int line) {
      last = name.toLowerCase(Locale.ROOT);
      if (last.equals("trusted")) {
        trusted = value;
        trustedLine = line;
      } else if (last.equals("enabled")) {
        enabled = value;
      }
    }

    void continueLast(String more) {
      if (last.equals("trusted") && trusted.length() <= MAX_VALUE) {
        trusted = strip(trusted + "\n" + more);
      } else if (last.equals("enabled") && enabled.length() <= MAX_VALUE) {
        enabled = strip(enabled + "\n" + more);
      }
    }

    void end(List<Trusting> trusting) {
      if (trusted != null && AptTrust.isTrue(trusted) && (enabled == null || !AptTrust.isFalse(enabled))) {
        trusting.add(new Trusting(trustedLine, "Trusted: " + trusted));
      }
    }
  }

  private static String abbreviated(String line) {
    return line.length() <= SHOWN_CHARS ? line
        : line.substring(0, SHOWN_CHARS) + "… (" + String.format(Locale.ROOT, "%,d", line.length()) + " characters)";
  }
}
