package io.podarmor.internal.packages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An rpm header blob as rpmdb stores it: big-endian {@code il} (index entries) and {@code dl} (data bytes), then
 * {@code il} 16-byte entries {@code (tag, type, offset, count)}, then the data store. Only string and int32 tags
 * are read.
 */
final class RpmHeader {
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int ARCH = 1022;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int MAX_ENTRIES = 0xffff;
  private static final int MAX_DATA = 256 * 1024 * 1024;

  private final Map<Integer, String> strings = new HashMap<>();
  private final Map<Integer, Long> ints = new HashMap<>();

  private RpmHeader() {}

  /**
   * Parses a header blob.
   *
   * @throws IllegalArgumentException saying what is wrong with the blob
   */
  static RpmHeader parse(byte[] blob) {
    if (blob == null || blob.length < 8) {
      throw new IllegalArgumentException("header blob of " + (blob == null ? 0 : blob.length) + " bytes, too short");
    }
    ByteBuffer b = ByteBuffer.wrap(blob);
    int il = b.getInt();
    int dl = b.getInt();
    if (il < 1 || il > MAX_ENTRIES || dl < 0 || dl > MAX_DATA) {
      throw new IllegalArgumentException("header counts il=" + il + ", dl=" + dl + " out of range");
    }
    long dataStart = 8L + 16L * il;
    if (dataStart + dl > blob.length) {
      throw new IllegalArgumentException("header of " + il + " entries and " + dl + " data bytes does not fit in "
          + blob.length + " bytes");
    }
    RpmHeader header = new RpmHeader();
    for (int i = 0; i < il; i++) {
      int tag = b.getInt();
      int type = b.getInt();
      int offset = b.getInt();
      int count = b.getInt();
      if (offset < 0 || offset >= dl && !(offset == dl && count == 0)) {
        throw new IllegalArgumentException("entry " + i + " (tag " + tag + ") points at offset " + offset
            + " outside the " + dl + " data bytes");
      }
      int at = (int) dataStart + offset;
      int end = (int) dataStart + dl;
      if (type == TYPE_STRING) {
        int nul = at;
        while (nul < end && blob[nul] != 0) {
          nul++;
        }
        if (nul == end) {
          throw new IllegalArgumentException("entry " + i + " (tag " + tag + ") has an unterminated string");
        }
        header.strings.put(tag, new String(blob, at, nul - at, StandardCharsets.UTF_8));
      } else if (type == TYPE_INT32 && count >= 1) {
        if (at + 4 > end) {
          throw new IllegalArgumentException("entry " + i + " (tag " + tag + ") int32 runs past the data");
        }
        header.ints.put(tag, ByteBuffer.wrap(blob, at, 4).getInt() & 0xffffffffL);
      }
    }
    return header;
  }

  /** The string tag's value, or {@code null}. */
  String string(int tag) {
    return strings.get(tag);
  }

  /** The first value of an int32 tag, or {@code null}. */
  Long int32(int tag) {
    return ints.get(tag);
  }
}
