package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.RetainedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** One evidence line per trusting source line; a sources file whose content was not kept is reported as such. */
  public static List<String> find(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    for (FileEntry entry : fs.entries()) {
      if (entry.type() != FileType.REGULAR || !isAptSource(entry.path())) {
        continue;
      }
      if (!fs.hasContent(entry.path())) {
        found.add(entry.path() + ": too large to read (" + entry.size() + " bytes), so not verified");
        continue;
      }
      boolean deb822 = entry.path().endsWith(".sources");
      String[] lines = fs.readString(entry.path()).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.startsWith("#")) {
          continue;
        }
        boolean trusting = deb822
            ? line.toLowerCase(Locale.ROOT).matches("trusted:\\s*yes")
            : line.matches("deb(-src)?\\s+\\[[^\\]]*trusted=yes[^\\]]*\\].*");
        if (trusting) {
          found.add(entry.path() + ":" + (i + 1) + ": " + line + " (from " + entry.layerDescription() + ")");
        }
      }
    }
    return found;
  }
}
