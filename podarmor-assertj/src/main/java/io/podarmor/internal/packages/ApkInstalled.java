package io.podarmor.internal.packages;

import io.podarmor.image.ImageException;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.fs.Lines;
import java.util.ArrayList;
import java.util.List;

/** apk's database ({@code /lib/apk/db/installed}): stanzas of {@code X:value} lines separated by blank lines. */
final class ApkInstalled {
  private ApkInstalled() {}

  /** Every package of the database (apk keeps only installed ones). */
  static List<InstalledPackage> parse(String path, String content, Distro distro) {
    List<InstalledPackage> packages = new ArrayList<>();
    String name = null;
    String version = null;
    String arch = "";
    int stanzaLine = 0;
    Lines lines = new Lines(content);
    for (int i = 0; ; i++) {
      String next = lines.next();
      String line = next == null ? "" : next; // one blank line more ends the last stanza
      if (line.isBlank()) {
        if (stanzaLine > 0) {
          if (name == null || name.isEmpty()) {
            throw corrupt(path, stanzaLine, "a package without a P: line");
          }
          if (version == null || version.isEmpty()) {
            throw corrupt(path, stanzaLine, "package " + name + " has no V: line");
          }
          packages.add(new InstalledPackage(name, version, "", arch, InstalledPackage.Kind.APK, path,
              distro.id, distro.versionId));
        }
        name = null;
        version = null;
        arch = "";
        stanzaLine = 0;
        if (next == null) {
          break;
        }
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':') {
        throw corrupt(path, i + 1, "expected \"X:value\"");
      }
      if (stanzaLine == 0) {
        stanzaLine = i + 1;
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'P':
          name = value;
          break;
        case 'V':
          version = value;
          break;
        case 'A':
          arch = value;
          break;
        default:
          break;
      }
    }
    return packages;
  }

  private static ImageException corrupt(String path, int line, String what) {
    return new ImageException("corrupt apk database " + path + " at line " + line + ": " + what);
  }
}
