package io.podarmor.internal.check;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.MergedFilesystem;
import io.podarmor.internal.inspect.Evidence;
import io.podarmor.internal.inspect.PackageManagerFinder;
import io.podarmor.internal.inspect.ShellFinder;
import io.podarmor.internal.inspect.SuidFinder;
import io.podarmor.verdict.Property;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the merged filesystem holds: setuid files, shells, package managers, world-writable files, given paths. */
public final class FileChecks {
  private static final String MERGED = "static: merged filesystem of every layer";

  private FileChecks() {}

  /** CIS 4.8: no regular file (hard links included) has the setuid or setgid bit. */
  public static ImageCheck noSuidFiles() {
    Check check = Check.of(Property.NO_SUID, "hasNoSuidFiles()", "have no setuid or setgid files", MERGED).cis("4.8");
    return new ImageCheck(check, (c, facts) ->
        c.noneOf(facts.image(), evidence(SuidFinder.find(facts.filesystem())), List.of()));
  }

  /**
   * No setuid or setgid file but at these normalized absolute paths: a path's directories may go through symlinks,
   * the file itself must not be one (a symlink allows nothing).
   */
  public static ImageCheck noSuidFilesExcept(List<String> allowedPaths) {
    List<String> sorted = List.copyOf(new TreeSet<>(allowedPaths));
    Check check = Check.of(Property.NO_SUID, "hasNoSuidFilesExcept(" + String.join(", ", allowedPaths) + ")",
        "have no setuid or setgid files except: " + String.join(", ", sorted),
        "static: merged filesystem, with listed exceptions");
    return new ImageCheck(check, (c, facts) -> {
      ImageFilesystem fs = facts.filesystem();
      Set<String> allowed = new TreeSet<>(allowedPaths);
      for (String path : allowedPaths) {
        lstat(fs, path).filter(FileEntry::isRegularFile).ifPresent(e -> allowed.add(e.path()));
      }
      return c.noneOf(facts.image(), evidence(SuidFinder.find(fs).stream()
          .filter(e -> !allowed.contains(e.path())).collect(Collectors.toList())), List.of());
    });
  }

  /** No shell or multi-call binary anywhere: by name, symlink target, content or {@code /etc/shells}. */
  public static ImageCheck noShell() {
    Check check = Check.of(Property.NO_SHELL, "hasNoShell()", "have no shell",
        "static: names, symlink targets, content and /etc/shells");
    return new ImageCheck(check, (c, facts) -> c.noneOf(facts.image(), ShellFinder.find(facts.filesystem()),
        List.of()));
  }

  /** No package manager executable in any directory. */
  public static ImageCheck noPackageManager() {
    Check check = Check.of(Property.NO_PACKAGE_MANAGER, "hasNoPackageManager()", "have no package manager", MERGED);
    return new ImageCheck(check, (c, facts) ->
        c.noneOf(facts.image(), PackageManagerFinder.find(facts.filesystem(), facts.config()), List.of()));
  }

  /**
   * No world-writable regular file outside {@code /tmp} and {@code /var/tmp}, and no world-writable directory without
   * the sticky bit (anyone could replace what others put there); symlinks and devices do not count.
   */
  public static ImageCheck noWorldWritableFiles() {
    Check check = Check.of(Property.NO_WORLD_WRITABLE, "hasNoWorldWritableFiles()",
        "have no world-writable files (but under /tmp and /var/tmp) or world-writable directories without the "
            + "sticky bit", MERGED);
    return new ImageCheck(check, (c, facts) -> c.noneOf(facts.image(), evidence(facts.filesystem().entries()
        .stream().filter(FileChecks::isWorldWritable).collect(Collectors.toList())), List.of()));
  }

  /**
   * A regular file or directory anyone may write, outside the trees of {@code /tmp} and {@code /var/tmp}, but a
   * directory with the sticky bit ({@code /tmp} itself must have it). Symlinks (always 0777) and devices (the
   * engine mounts its own {@code /dev}) do not count.
   */
  private static boolean isWorldWritable(FileEntry e) {
    if ((e.mode() & 0002) == 0 || !(e.isRegularFile() || e.isDirectory())) {
      return false;
    }
    if (e.path().startsWith("/tmp/") || e.path().startsWith("/var/tmp/")) {
      return false;
    }
    return !(e.isDirectory() && e.isSticky());
  }

  /** Something exists at the normalized absolute path, following symlinks. */
  public static ImageCheck hasFile(String path, String normalized) {
    Check check = Check.of(Property.OTHER, "hasFile(" + path + ")", "have file: " + path, MERGED);
    return new ImageCheck(check, (c, facts) -> {
      ImageFilesystem fs = facts.filesystem();
      Optional<Optional<FileEntry>> followed = follow(fs, normalized);
      if (followed.isEmpty()) {
        return c.failed(facts.image(), List.of(path + " leads into a symlink loop"));
      }
      Optional<FileEntry> resolved = followed.get();
      if (resolved.isPresent()) {
        return c.passed(facts.image(), List.of(Evidence.of(resolved.get())));
      }
      Optional<FileEntry> link = fs.get(normalized).filter(FileEntry::isSymlink);
      return c.failed(facts.image(), List.of(link.isPresent() ? Evidence.of(link.get()) + ", which leads nowhere"
          : "nothing at " + path));
    });
  }

  /** Nothing exists at the normalized absolute path, following symlinks: a dangling link passes. */
  public static ImageCheck doesNotHaveFile(String path, String normalized) {
    Check check = Check.of(Property.OTHER, "doesNotHaveFile(" + path + ")", "not have file: " + path, MERGED);
    return new ImageCheck(check, (c, facts) -> {
      Optional<FileEntry> resolved = follow(facts.filesystem(), normalized).flatMap(found -> found);
      if (resolved.isEmpty()) {
        return c.passed(facts.image(), List.of("nothing at " + path));
      }
      FileEntry entry = resolved.get();
      return c.failed(facts.image(), List.of(Evidence.of(entry)
          + (entry.path().equals(normalized) ? "" : ", reached through " + path)));
    });
  }

  /** What the path leads to, following symlinks; empty when it leads into a symlink loop. */
  private static Optional<Optional<FileEntry>> follow(ImageFilesystem fs, String path) {
    try {
      return Optional.of(fs.resolve(path));
    } catch (ImageException loop) {
      return Optional.empty();
    }
  }

  /** The entry at this path with its directories resolved but not its last element, like {@code lstat}. */
  private static Optional<FileEntry> lstat(ImageFilesystem fs, String path) {
    try {
      return fs instanceof MergedFilesystem merged ? merged.resolveParent(path) : fs.get(path);
    } catch (ImageException loop) {
      return Optional.empty();
    }
  }

  static List<String> evidence(java.util.Collection<FileEntry> entries) {
    return entries.stream().sorted(Comparator.comparing(FileEntry::path)).map(Evidence::of)
        .collect(Collectors.toList());
  }
}
