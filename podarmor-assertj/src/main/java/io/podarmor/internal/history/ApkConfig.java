package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.Lines;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CIS 4.11, apk's own configuration (apk-tools 3): the global options apk reads from {@code /etc/apk/config}, or from
 * {@code /lib/apk/config} when the first does not exist, one long option per line, a {@code #} starting a comment
 * anywhere. {@code allow-untrusted} there installs unsigned packages; {@code keys-dir} and {@code repositories-file} take
 * the keys or the repositories from another place, so they are not verified. {@code APK_CONFIG} in the image's
 * environment names another file, not verified either.
 */
public final class ApkConfig {
  private static final List<String> FILES = List.of("/etc/apk/config", "/lib/apk/config");
  private static final Set<String> MOVED = Set.of("keys-dir", "repositories-file");
  /** What the layer pass keeps for this check: apk's two configuration files, up to 1 MiB each. */
  public static final RetainedFiles RETAINED = new RetainedFiles("apk configuration", FILES::contains, 1L << 20);

  private ApkConfig() {}

  /**
   * One evidence line per option that lets apk install what it does not verify, naming the file and line.
   *
   * @param env the image's environment, where {@code APK_CONFIG} names the file apk reads instead
   */
  public static List<String> find(ImageFilesystem fs, Map<String, String> env) {
    List<String> found = new ArrayList<>();
    String other = env.getOrDefault("APK_CONFIG", "");
    if (!other.isEmpty()) {
      found.add("ENV APK_CONFIG=" + other + ": apk reads its options from there, so not verified");
    }
    for (String path : FILES) {
      Optional<FileEntry> entry = fs.get(path);
      if (entry.isPresent() && fs.exists(path)) {
        ConfigFiles.text(fs, entry.get(), found).ifPresent(text -> read(text, entry.get(), found));
        break; // apk reads the first file that exists
      }
    }
    return found;
  }

  private static void read(String text, FileEntry file, List<String> found) {
    Lines lines = new Lines(text);
    int lineNo = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      lineNo++;
      int comment = line.indexOf('#');
      String option = trimSpaces(comment < 0 ? line : line.substring(0, comment));
      int space = option.indexOf(' ');
      String key = space < 0 ? option : trimSpaces(option.substring(0, space));
      String where = file.path() + ":" + lineNo + ": " + option + " (from " + file.layerDescription() + ")";
      if (key.equals("allow-untrusted")) {
        found.add(where + ": apk installs packages without a trusted signature");
      } else if (MOVED.contains(key) && space >= 0) {
        found.add(where + ": apk reads its " + (key.equals("keys-dir") ? "keys" : "repositories")
            + " from there, so not verified");
      }
    }
  }

  /** Trailing spaces removed, as apk trims a line (spaces only). */
  private static String trimSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
