package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ImageLimits;
import io.podarmor.internal.fs.ImagePaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Finds package managers the container could run, and says why each counts: an executable (or a symlink to one)
 * named like a package manager in a directory on the image's {@code PATH} or a standard bin directory, or an
 * executable anywhere whose content identifies a package manager. Namesakes elsewhere are not package managers:
 * cron jobs ({@code /etc/cron.daily/dpkg}), bug-report hooks ({@code /usr/share/bug/dpkg}), completions, logrotate
 * entries, docs; nor are the package databases.
 */
public final class PackageManagerFinder {
  /**
   * The names looked for: besides the usual ones, the programs they are links to ({@code dnf-3} on RHEL 8 and 9,
   * {@code dnf5} on Fedora 41 and later), Alpine's static apk, and the package managers of OpenWrt, Void and Gentoo.
   */
  public static final Set<String> NAMES = Set.of(
      "apt", "apt-get", "aptitude", "dpkg", "rpm", "yum", "dnf", "dnf-3", "dnf5", "microdnf", "tdnf", "zypper", "apk",
      "apk.static", "pacman", "opkg", "xbps-install", "emerge");
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
  private static Iterable<String> pathOf(ImageConfig config) {
    String path = config.env().get("PATH");
    return path == null ? List.of() : () -> new PathEntries(path);
  }

  /**
   * Each absolute directory as written and as its symlinks resolve in the image, when the image has it: no other can
   * hold a package manager, so the set is no larger than the image's directories however long the {@code PATH}. An
   * entry longer than {@value ImageLimits#MAX_PATH_BYTES} bytes is no directory a program is run from.
   */
  private static Set<String> directories(ImageFilesystem fs, Iterable<String> dirs) {
    Set<String> out = new LinkedHashSet<>();
    for (String dir : dirs) {
      if (!dir.startsWith("/") || dir.length() > ImageLimits.MAX_PATH_BYTES) {
        continue; // a relative PATH entry depends on the working directory: the standard dirs still count
      }
      String normalized = ImagePaths.normalize(dir);
      if (normalized == null) {
        continue;
      }
      if (fs.get(normalized).filter(FileEntry::isDirectory).isPresent()) {
        out.add(normalized);
      }
      Links.follow(fs, normalized).filter(FileEntry::isDirectory).ifPresent(d -> out.add(d.path()));
    }
    return out;
  }

  /** The entries of a {@code PATH}, each made as it is reached. */
  private static final class PathEntries implements Iterator<String> {
    private final String path;
    private int from;

    PathEntries(String path) {
      this.path = path;
    }

    @Override
    public boolean hasNext() {
      return from < path.length();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int colon = path.indexOf(':', from);
      int to = colon < 0 ? path.length() : colon;
      String entry = path.substring(from, to);
      from = to + 1;
      return entry;
    }
  }
}
