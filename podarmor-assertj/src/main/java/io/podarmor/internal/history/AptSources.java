package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ContentRetention;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CIS 4.11, in the image: apt sources that skip signature checks, {@code [trusted=yes]} in
 * {@code /etc/apt/sources.list} and {@code /etc/apt/sources.list.d/*.list}, {@code Trusted: yes} in deb822
 * {@code *.sources} files.
 */
public final class AptSources {
  private AptSources() {}

  /** One evidence line per trusting source line; a sources file whose content was not kept is reported as such. */
  public static List<String> find(ImageFilesystem fs) {
    List<String> found = new ArrayList<>();
    for (FileEntry entry : fs.entries()) {
      if (entry.type() != FileType.REGULAR || !ContentRetention.isAptSource(entry.path())) {
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
