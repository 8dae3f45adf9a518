package io.podarmor.image;

/** The kind of a filesystem entry, as {@code ls -l} shows it in the first column. */
public enum FileType {
  REGULAR,
  DIRECTORY,
  SYMLINK,
  CHARACTER_DEVICE,
  BLOCK_DEVICE,
  FIFO;

  /** The character {@code ls -l} prints for this type. */
  public char lsChar() {
    return "-dlcbp".charAt(ordinal());
  }
}
