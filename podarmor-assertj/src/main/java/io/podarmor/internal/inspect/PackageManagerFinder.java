package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds package manager executables in any directory: a regular file with an execute bit, or a symlink that leads to
 * one, named like a package manager. Package databases ({@code /var/lib/dpkg/status}, …) and non-executable files
 * of the same name (bash completions, logrotate configs) do not count.
 */
public final class PackageManagerFinder {
  /** The names looked for. */
  public static final Set<String> NAMES = Set.of(
      "apt", "apt-get", "aptitude", "dpkg", "rpm", "yum", "dnf", "microdnf", "tdnf", "zypper", "apk", "pacman");

  private PackageManagerFinder() {}

  /** The package manager executables, sorted by path. */
  public static List<FileEntry> find(ImageFilesystem fs) {
    return fs.entries().stream()
        .filter(e -> NAMES.contains(e.name()))
        .filter(e -> Links.executableBehind(fs, e).isPresent())
        .sorted(Comparator.comparing(FileEntry::path))
        .collect(Collectors.toList());
  }
}
