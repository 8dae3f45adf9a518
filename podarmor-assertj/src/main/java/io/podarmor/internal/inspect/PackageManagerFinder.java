package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ImagePaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds package managers the container could run, and says why each counts: an executable (or a symlink to one)
 * named like a package manager in a directory on the image's {@code PATH} or a standard bin directory, or an
 * executable anywhere whose content identifies a package manager. Namesakes elsewhere are not package managers:
 * cron jobs ({@code /etc/cron.daily/dpkg}), bug-report hooks ({@code /usr/share/bug/dpkg}), completions, logrotate
 * entries, docs; nor are the package databases.
 */
public final class PackageManagerFinder {
  /** The names looked for. */
  public static final Set<String> NAMES = Set.of(
      "apt", "apt-get", "aptitude", "dpkg", "rpm", "yum", "dnf", "microdnf", "tdnf", "zypper", "apk", "pacman");
  /** Where the engine looks when the config sets no {@code PATH}: its default, and so the standard bin dirs. */
  static final List<String> STANDARD_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
      "/sbin", "/bin");

  private PackageManagerFinder() {}

  /** One evidence line per package manager, sorted by path: the entry, then why it counts. */
  public static List<String> find(ImageFilesystem fs, ImageConfig config) {
    Set<String> onPath = directories(fs, pathOf(config));
    Set<String> standard = directories(fs, STANDARD_DIRS);
    List<String> found = new ArrayList<>();
    for (FileEntry entry : fs.entries()) {
      if (Links.executableBehind(fs, entry).isEmpty()) {
        continue;
      }
      String dir = ImagePaths.parent(entry.path());
      String why = null;
      if (NAMES.contains(entry.name()) && onPath.contains(dir)) {
        why = "in " + dir + ", on the PATH";
      } else if (NAMES.contains(entry.name()) && standard.contains(dir)) {
        why = "in " + dir + ", a standard bin directory";
      } else if (entry.isRegularFile()) {
        why = entry.identifiedProgram().filter(NAMES::contains).map(p -> "content identifies " + p).orElse(null);
      }
      if (why != null) {
        found.add(Evidence.of(entry) + ", " + why);
      }
    }
    return found;
  }

  /** The config's {@code PATH} entries, or none when it sets no {@code PATH}. */
  private static List<String> pathOf(ImageConfig config) {
    String path = config.env().get("PATH");
    return path == null ? List.of() : List.of(path.split(":"));
  }

  /** Each absolute directory as written and as its symlinks resolve in the image. */
  private static Set<String> directories(ImageFilesystem fs, List<String> dirs) {
    Set<String> out = new LinkedHashSet<>();
    for (String dir : dirs) {
      if (!dir.startsWith("/")) {
        continue; // a relative PATH entry depends on the working directory: the standard dirs still count
      }
      String normalized = ImagePaths.normalize(dir);
      if (normalized == null) {
        continue;
      }
      out.add(normalized);
      Links.follow(fs, normalized).filter(FileEntry::isDirectory).ifPresent(d -> out.add(d.path()));
    }
    return out;
  }
}
