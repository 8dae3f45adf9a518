package io.podarmor.internal.tar;

/**
 * One entry of a tar stream as Go's {@code archive/tar} returns it: PAX and GNU long names already applied, the
 * legacy {@code \0} type turned into a regular file or a directory, and {@code size} the data that follows (0 for
 * header-only types, whatever the header's size field says).
 *
 * @param name       the name as written, decoded from UTF-8 (bytes that are not UTF-8 map one-to-one to
 *                   {@code U+DC80..U+DCFF}, so two different names never decode alike)
 * @param type       the typeflag, e.g. {@link #REGULAR}, {@link #SYMLINK}
 * @param mode       the mode field; the engine keeps its permission, setuid, setgid and sticky bits
 * @param headerAt   the offset of the entry's first header block in the stream
 * @param dataAt     the offset of the entry's data in the stream
 */
public record TarHeader(String name, char type, long mode, long uid, long gid, long size, String linkName,
    long headerAt, long dataAt) {
  public static final char REGULAR = '0';
  public static final char REGULAR_A = '\0';
  public static final char HARD_LINK = '1';
  public static final char SYMLINK = '2';
  public static final char CHAR_DEVICE = '3';
  public static final char BLOCK_DEVICE = '4';
  public static final char DIRECTORY = '5';
  public static final char FIFO = '6';
  public static final char PAX = 'x';
  public static final char PAX_GLOBAL = 'g';
  public static final char GNU_LONG_NAME = 'L';
  public static final char GNU_LONG_LINK = 'K';
  public static final char GNU_SPARSE = 'S';

  /** Types that carry no data, whatever their size field says (Go's {@code isHeaderOnlyType}). */
  static boolean isHeaderOnly(char type) {
    return type == HARD_LINK || type == SYMLINK || type == CHAR_DEVICE || type == BLOCK_DEVICE
        || type == DIRECTORY || type == FIFO;
  }

  /** The typeflag as text for messages: {@code '7'}, or its code when it is not printable. */
  public String typeName() {
    return type >= 0x21 && type < 0x7f ? "'" + type + "'" : "0x" + Integer.toHexString(type);
  }
}
