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
   * One evidence line per trusting source line, the first {@value #LISTED} of each file and then how many more; a
   * sources file whose content was not kept is reported as such. Each line is read once, in time linear in its length.
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
      boolean deb822 = entry.path().endsWith(".sources");
      Lines lines = new Lines(text.get());
      int lineNo = 0;
      int trusting = 0;
      for (String raw = lines.next(); raw != null; raw = lines.next()) {
        lineNo++;
        String line = raw.strip();
        if (line.startsWith("#") || !(deb822 ? trustsDeb822(line) : trustsOneLine(line))) {
          continue;
        }
        if (++trusting <= LISTED) {
          found.add(entry.path() + ":" + lineNo + ": " + abbreviated(line) + " (from " + entry.layerDescription()
              + ")");
        }
      }
      if (trusting > LISTED) {
        found.add(entry.path() + ": " + String.format(Locale.ROOT, "%,d", trusting - LISTED)
            + " more lines trusting their repositories (from " + entry.layerDescription() + ")");
      }
    }
    return found;
  }

  /**
   * A one-line source whose options trust its repository: {@code deb} or {@code deb-src}, white space, then options in
   * brackets, {@code trusted=yes} (or another true value, {@link AptTrust}) among them. What follows them does not
   * matter.
   */
  static boolean trustsOneLine(String line) {
    int at = line.startsWith("deb-src") ? 7 : line.startsWith("deb") ? 3 : -1;
    if (at < 0) {
      return false;
    }
    int options = at;
    while (options < line.length() && " \t\n\u000b\f\r".indexOf(line.charAt(options)) >= 0) {
      options++;
    }
    if (options == at || options == line.length() || line.charAt(options) != '[') {
      return false;
    }
    int close = line.indexOf(']', options);
    for (int t = line.indexOf("trusted=", options); close > 0 && t >= 0 && t < close;
        t = line.indexOf("trusted=", t + 1)) {
      if (AptTrust.optionAt(line, t)) {
        return true;
      }
    }
    return false;
  }

  /** A deb822 field that trusts the stanza's repositories: {@code Trusted: yes} (or another true value). */
  static boolean trustsDeb822(String line) {
    return line.regionMatches(true, 0, "trusted:", 0, 8) && AptTrust.isTrue(line.substring(8).strip());
  }

  private static String abbreviated(String line) {
    return line.length() <= SHOWN_CHARS ? line
        : line.substring(0, SHOWN_CHARS) + "… (" + String.format(Locale.ROOT, "%,d", line.length()) + " characters)";
  }
}
