package io.podarmor.image;

import java.util.Collection;
import java.util.Optional;

/**
 * The merged filesystem of an image: every layer applied in order, whiteouts honoured. It holds metadata for
 * every path and the contents of only the few small files checks read ({@code /etc/passwd}, {@code /etc/group},
 * {@code /etc/shells}, package databases).
 *
 * <pre>{@code image.filesystem().resolve("/bin/sh")  // follows symlinks inside the image}</pre>
 */
public interface ImageFilesystem {

  /** Every entry, sorted by path. */
  Collection<FileEntry> entries();

  /** The entry at exactly this path, without following a final symlink. */
  Optional<FileEntry> get(String path);

  /**
   * The entry this path leads to, following symlinks (absolute and relative, in any path element) inside the image.
   *
   * @return empty when the path or a link target does not exist
   * @throws ImageException when the path runs into a symlink loop
   */
  Optional<FileEntry> resolve(String path);

  /** True when the path exists, following symlinks; a dangling symlink does not exist, as with {@code test -e}. */
  boolean exists(String path);

  /**
   * The UTF-8 content of a small file PodArmor retained while indexing ({@code /etc/passwd}, {@code /etc/group},
   * {@code /etc/shells}, {@code /etc/shadow}, {@code /etc/os-release}, package databases), following symlinks.
   *
   * @throws ImageException when the path does not exist, is not a regular file, or its content was not retained
   */
  String readString(String path);

  /** True when {@link #readString(String)} can return this path's content. */
  boolean hasContent(String path);
}
