package io.podarmor.image;

/** The kind of a filesystem entry, as {@code ls -l} shows it in the first column. */
public enum FileType {
  REGULAR('-'),
  DIRECTORY('d'),
  SYMLINK('l'),
  CHARACTER_DEVICE('c'),
  BLOCK_DEVICE('b'),
  FIFO('p');

  private final char lsChar;

  FileType(char lsChar) {
    this.lsChar = lsChar;
  }

  /** The character {@code ls -l} prints for this type. */
  public char lsChar() {
    return lsChar;
  }
}
