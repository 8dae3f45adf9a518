package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds what {@code find / -xdev \( -perm -4000 -o -perm -2000 \) -type f} finds in the merged filesystem: regular
 * files, hard links included, with the setuid or setgid bit. Whiteouts and later layers have already been applied, so
 * a removed file or a cleared bit does not count.
 */
public final class SuidFinder {
  private SuidFinder() {}

  /** The setuid and setgid regular files, sorted by path. */
  public static List<FileEntry> find(ImageFilesystem fs) {
    return fs.entries().stream()
        .filter(e -> e.isRegularFile() && (e.isSetuid() || e.isSetgid()))
        .sorted(Comparator.comparing(FileEntry::path))
        .collect(Collectors.toList());
  }
}
