package io.podarmor.image;

/** The kind of a filesystem entry, as {@code ls -l} shows it in the first column. */
public enum FileType {
  /** A regular file ({@code -}). */
  REGULAR,
  /** A directory ({@code d}). */
  DIRECTORY,
  /** A symbolic link ({@code l}). */
  SYMLINK,
  /** A character device ({@code c}). */
  CHARACTER_DEVICE,
  /** A block device ({@code b}). */
  BLOCK_DEVICE,
  /** A named pipe ({@code p}). */
  FIFO;

  /** The character {@code ls -l} prints for this type. */
  public char lsChar() {
    return "-dlcbp".charAt(ordinal());
  }
}
