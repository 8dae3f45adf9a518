package io.podarmor.internal.packages;

import io.podarmor.image.ImageException;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.fs.Lines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dpkg's status file ({@code /var/lib/dpkg/status}): RFC 822-style stanzas separated by blank lines. A package
 * counts when its {@code Status} says it is installed ({@code install ok installed}, also {@code hold ok installed}
 * and {@code deinstall ok installed}: its files are still there); distroless' {@code status.d} files carry one
 * stanza each and may have no {@code Status} at all, which counts as installed.
 */
final class DpkgStatus {
  private DpkgStatus() {}

  /** The installed packages of a status file; a stanza without {@code Status} counts only when {@code statusOptional}. */
  static List<InstalledPackage> parse(String path, String content, Distro distro, boolean statusOptional) {
    List<InstalledPackage> packages = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String lastField = null;
    int stanzaLine = 0;
    Lines lines = new Lines(content);
    for (int i = 0; ; i++) {
      String next = lines.next();
      String line = next == null ? "" : next; // one blank line more ends the last stanza
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          stanza(path, stanzaLine, fields, distro, statusOptional, packages);
          fields.clear();
          lastField = null;
        }
        if (next == null) {
          break;
        }
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (lastField == null) {
          throw corrupt(path, i + 1, "a continuation line outside any field");
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw corrupt(path, i + 1, "expected \"Field: value\"");
      }
      if (fields.isEmpty()) {
        stanzaLine = i + 1;
      }
      lastField = line.substring(0, colon);
      fields.put(lastField, line.substring(colon + 1).trim());
    }
    return packages;
  }

  private static void stanza(String path, int line, Map<String, String> fields, Distro distro,
      boolean statusOptional, List<InstalledPackage> into) {
    String name = fields.get("Package");
    if (name == null || name.isEmpty()) {
      throw corrupt(path, line, "a stanza without a Package field");
    }
    String status = fields.get("Status");
    if (status == null) {
      if (!statusOptional) {
        throw corrupt(path, line, "package " + name + " has no Status field");
      }
    } else {
      String[] words = firstWords(status.trim(), 4);
      if (words.length != 3) {
        throw corrupt(path, line, "package " + name + " has Status \"" + (status.length() <= 200 ? status
            : status.substring(0, 200) + "…") + "\", expected three words");
      }
      if (!words[1].equals("ok") || !words[2].equals("installed")) {
        return;
      }
    }
    String version = fields.get("Version");
    if (version == null || version.isEmpty()) {
      throw corrupt(path, line, "package " + name + " has no Version field");
    }
    into.add(new InstalledPackage(name, version, "", fields.getOrDefault("Architecture", ""),
        InstalledPackage.Kind.DPKG, path, distro.id, distro.versionId));
  }

  private static ImageException corrupt(String path, int line, String what) {
    return new ImageException("corrupt dpkg database " + path + " at line " + line + ": " + what);
  }

  /**
   * The first {@code n} words of {@code text.split("\\s+")} for a trimmed {@code text}, fewer when it has fewer: a
   * field of millions of words costs no array of them.
   */
  static String[] firstWords(String text, int n) {
    List<String> words = new ArrayList<>(n);
    int i = 0;
    while (words.size() < n) {
      while (i < text.length() && isSpace(text.charAt(i))) {
        i++;
      }
      if (i == text.length()) {
        break;
      }
      int start = i;
      while (i < text.length() && !isSpace(text.charAt(i))) {
        i++;
      }
      words.add(text.substring(start, i));
    }
    return words.toArray(new String[0]);
  }

  /** The pattern's {@code \\s}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }
}
