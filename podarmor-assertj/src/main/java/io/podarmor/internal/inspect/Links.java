package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import java.util.Optional;

/** Follows symlinks the way {@code execve} would: a dangling link or a link loop leads nowhere. */
final class Links {
  private Links() {}

  /** The entry the path leads to, or empty when it leads nowhere (missing, dangling or looping). */
  static Optional<FileEntry> follow(ImageFilesystem fs, String path) {
    try {
      return fs.resolve(path);
    } catch (ImageException loop) {
      return Optional.empty();
    }
  }

  /** True for a regular file with an execute bit. */
  static boolean isExecutableFile(FileEntry entry) {
    return entry.isRegularFile() && entry.isExecutable();
  }

  /** The executable regular file a regular file or symlink leads to, if any. */
  static Optional<FileEntry> executableBehind(ImageFilesystem fs, FileEntry entry) {
    if (entry.isRegularFile()) {
      return isExecutableFile(entry) ? Optional.of(entry) : Optional.empty();
    }
    if (entry.isSymlink()) {
      return follow(fs, entry.path()).filter(Links::isExecutableFile);
    }
    return Optional.empty();
  }
}
