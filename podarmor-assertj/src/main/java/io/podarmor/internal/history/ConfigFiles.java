package io.podarmor.internal.history;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import java.util.List;
import java.util.Optional;

/**
 * A configuration file of the image read as its program reads it (apt's sources and configuration, rpm
 * repositories): a regular file, or a symlink followed to one; a dangling symlink or anything else is read as nothing.
 */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * The text at {@code entry}, or empty when the program reads nothing there; a file it would read whose content was
   * not kept (too large, or a symlink's target elsewhere) is added to {@code found} as not verified, and is empty too.
   */
  static Optional<String> text(ImageFilesystem fs, FileEntry entry, List<String> found) {
    if (!(entry.isRegularFile() || entry.isSymlink())) {
      return Optional.empty();
    }
    Optional<FileEntry> target = entry.isSymlink() ? fs.resolve(entry.path()).filter(FileEntry::isRegularFile)
        : Optional.of(entry);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    if (!fs.hasContent(entry.path())) {
      found.add(entry.path() + (entry.isSymlink() ? " (a symlink to " + target.get().path() + ", whose content was "
          + "not kept)" : ": too large to read (" + target.get().size() + " bytes)") + ", so not verified");
      return Optional.empty();
    }
    return Optional.of(fs.readString(entry.path()));
  }
}
