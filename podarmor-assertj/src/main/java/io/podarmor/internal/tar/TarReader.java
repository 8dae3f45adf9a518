package io.podarmor.internal.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream exactly as Go's {@code archive/tar} reads it, because that is what the engine unpacks layers
 * (and {@code docker load} archives) with: the same header checks, the same end-of-archive rule, the same handling of
 * PAX ({@code x}) and GNU long-name ({@code L}, {@code K}) headers, and no data for header-only types whatever their
 * size field says. Anything Go rejects is a {@link TarFormatException}. One header buffer serves the whole stream.
 *
 * <pre>{@code
 * TarReader tar = new TarReader(in);
 * for (TarHeader h; (h = tar.next()) != null; ) {
 *   int n = tar.read(buf, 0, buf.length);   // the current entry's data
 * }
 * }</pre>
 */
public final class TarReader {
  /** Go's {@code maxSpecialFileSize}: PAX and GNU long-name data larger than this is refused. */
  public static final int MAX_SPECIAL_FILE = 1 << 20;

  private static final int BLOCK = 512;

  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private long position;
  /** Data left in the current entry, and the padding after it. */
  private long remaining;
  private int padding;
  private boolean ended;
  private boolean marker;
  /** The current entry, for messages: its name and data size. */
  private String currentName = "";
  private long currentSize;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** True when the archive ended with the end-of-archive marker (two zero blocks), not at a bare end of stream. */
  public boolean endedWithMarker() {
    return marker;
  }

  /** Bytes consumed so far: after {@link #next()}, the offset where the current entry's data starts. */
  public long position() {
    return position;
  }

  /**
   * The next entry, or {@code null} at the end of the archive: two zero blocks, or the end of the stream at a block
   * boundary. A global PAX header ({@code g}) is returned as an entry of its own, as Go returns it.
   *
   * @throws TarFormatException where Go's reader fails
   */
  public TarHeader next() throws IOException {
    if (ended) {
      return null;
    }
    Map<String, String> pax = null;
    String longName = null;
    String longLink = null;
    while (true) {
      skipRest();
      long headerAt = position;
      if (!readBlock(true)) {
        ended = true;
        return null;
      }
      if (isZero(block)) {
        if (!readBlock(true) || isZero(block)) {
          ended = true;
          marker = true;
          return null;
        }
        throw new TarFormatException("invalid tar header at byte " + (headerAt + BLOCK)
            + ": a zero block followed by data (the end-of-archive marker is two zero blocks)");
      }
      RawHeader h = RawHeader.parse(block, headerAt);
      currentName = h.name;
      setData(h.typeflag, h.size, headerAt);
      switch (h.typeflag) {
        case TarHeader.PAX:
        case TarHeader.PAX_GLOBAL: {
          Map<String, String> records = PaxRecords.parse(readSpecial(headerAt), headerAt);
          if (h.typeflag == TarHeader.PAX_GLOBAL) {
            // Go returns it as an entry; its records apply to nothing else (the engine skips it)
            String path = records.getOrDefault("path", "");
            return new TarHeader(path.isEmpty() ? h.name : path, TarHeader.PAX_GLOBAL, 0, 0, 0, 0, "", headerAt,
                position);
          }
          pax = records;
          continue;
        }
        case TarHeader.GNU_LONG_NAME:
          longName = RawHeader.cString(readSpecial(headerAt));
          continue;
        case TarHeader.GNU_LONG_LINK:
          longLink = RawHeader.cString(readSpecial(headerAt));
          continue;
        default:
          break;
      }
      String name = h.name;
      String linkName = h.linkName;
      long size = h.size;
      long uid = h.uid;
      long gid = h.gid;
      if (pax != null) {
        for (Map.Entry<String, String> r : pax.entrySet()) {
          String v = r.getValue();
          if (v.isEmpty()) {
            continue; // Go keeps the header's own value
          }
          switch (r.getKey()) {
            case "path":
              name = v;
              break;
            case "linkpath":
              linkName = v;
              break;
            case "uid":
              uid = PaxRecords.parseLong(v, "uid", headerAt);
              break;
            case "gid":
              gid = PaxRecords.parseLong(v, "gid", headerAt);
              break;
            case "size":
              size = PaxRecords.parseLong(v, "size", headerAt);
              break;
            case "atime":
            case "mtime":
            case "ctime":
              PaxRecords.parseTime(v, r.getKey(), headerAt);
              break;
            default:
              break;
          }
        }
      }
      if (longName != null && !longName.isEmpty()) { // Go applies only a non-empty one
        name = longName;
      }
      if (longLink != null && !longLink.isEmpty()) {
        linkName = longLink;
      }
      char type = h.typeflag;
      if (type == TarHeader.REGULAR_A) {
        type = name.endsWith("/") ? TarHeader.DIRECTORY : TarHeader.REGULAR;
      }
      if (type == TarHeader.GNU_SPARSE || PaxRecords.isSparse(pax)) {
        throw new TarFormatException("entry '" + name + "' at byte " + headerAt
            + " is a sparse file (GNU sparse format), which PodArmor does not read");
      }
      currentName = name;
      setData(type, size, headerAt);
      return new TarHeader(name, type, h.mode, uid, gid, remaining, linkName, headerAt, position);
    }
  }

  /** Reads the current entry's data; -1 at its end. */
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0 || len == 0) {
      return remaining <= 0 ? -1 : 0;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw truncated();
    }
    remaining -= n;
    position += n;
    return n;
  }

  /** The current entry's data as a stream (closing it does nothing). */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return TarReader.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return TarReader.this.read(b, off, len);
      }
    };
  }

  private void setData(char type, long size, long headerAt) throws TarFormatException {
    long data = TarHeader.isHeaderOnly(type) ? 0 : size;
    if (data < 0) {
      throw new TarFormatException("invalid tar header at byte " + headerAt + ": negative size " + size);
    }
    remaining = data;
    currentSize = data;
    padding = (int) ((BLOCK - (data % BLOCK)) % BLOCK);
  }

  private byte[] readSpecial(long headerAt) throws IOException {
    if (remaining > MAX_SPECIAL_FILE) {
      throw new TarFormatException("the PAX or GNU long-name header at byte " + headerAt + " holds " + remaining
          + " bytes, more than the engine's limit of " + MAX_SPECIAL_FILE);
    }
    byte[] data = new byte[(int) remaining];
    int off = 0;
    while (off < data.length) {
      int n = read(data, off, data.length - off);
      if (n < 0) {
        throw new EOFException("the archive ends inside the header data at byte " + headerAt);
      }
      off += n;
    }
    return data;
  }

  /** Skips what the consumer left of the current entry and its padding (padding may be cut off by the end). */
  private void skipRest() throws IOException {
    while (remaining > 0) {
      long n = in.skip(remaining);
      if (n <= 0) {
        int r = in.read(block, 0, (int) Math.min(BLOCK, remaining));
        if (r < 0) {
          throw truncated();
        }
        n = r;
      }
      remaining -= n;
      position += n;
    }
    if (padding > 0) {
      int got = 0;
      while (got < padding) {
        int r = in.read(block, 0, padding - got);
        if (r < 0) {
          break; // Go's tryReadFull: the end of the stream here ends the archive
        }
        got += r;
      }
      position += got;
      padding = 0;
    }
  }

  /**
   * Reads one block; false at the end of the stream before any byte of it.
   *
   * @throws EOFException when the stream ends inside the block
   */
  private boolean readBlock(boolean eofAllowed) throws IOException {
    int got = 0;
    while (got < BLOCK) {
      int n = in.read(block, got, BLOCK - got);
      if (n < 0) {
        break;
      }
      got += n;
    }
    position += got;
    if (got == 0 && eofAllowed) {
      return false;
    }
    if (got < BLOCK) {
      throw new EOFException("the archive ends inside a header block at byte " + (position - got));
    }
    return true;
  }

  private EOFException truncated() {
    return new EOFException(String.format("the archive ends inside the entry %s (%,d of its %,d bytes missing)",
        Names.printable(currentName), remaining, currentSize));
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** The fields of one header block, parsed as Go's {@code readHeader} does. */
  private static final class RawHeader {
    final String name;
    final char typeflag;
    final long mode;
    final long uid;
    final long gid;
    final long size;
    final String linkName;

    private RawHeader(String name, char typeflag, long mode, long uid, long gid, long size, String linkName) {
      this.name = name;
      this.typeflag = typeflag;
      this.mode = mode;
      this.uid = uid;
      this.gid = gid;
      this.size = size;
      this.linkName = linkName;
    }

    static RawHeader parse(byte[] b, long at) throws TarFormatException {
      if (!checksumMatches(b)) {
        throw new TarFormatException("invalid tar header at byte " + at + ": its checksum does not match");
      }
      Format format = Format.of(b);
      Numbers p = new Numbers(at);
      String name = cString(b, 0, 100);
      String linkName = cString(b, 157, 100);
      long size = p.numeric(b, 124, 12, "size");
      long mode = p.numeric(b, 100, 8, "mode");
      long uid = p.numeric(b, 108, 8, "uid");
      long gid = p.numeric(b, 116, 8, "gid");
      p.numeric(b, 136, 12, "mtime");
      String prefix = "";
      if (format != Format.V7) {
        p.numeric(b, 329, 8, "devmajor");
        p.numeric(b, 337, 8, "devminor");
        switch (format) {
          case USTAR:
            prefix = cString(b, 345, 155);
            break;
          case STAR:
            prefix = cString(b, 345, 131);
            p.numeric(b, 476, 12, "atime");
            p.numeric(b, 488, 12, "ctime");
            break;
          case GNU: {
            // Go reads atime and ctime leniently; when they do not parse and the field looks like text, it is
            // taken as a USTAR prefix written by old Go versions
            Numbers lenient = new Numbers(at);
            boolean bad = (b[345] != 0 && !lenient.tryNumeric(b, 345, 12))
                || (b[357] != 0 && !lenient.tryNumeric(b, 357, 12));
            if (bad) {
              String s = cString(b, 345, 155);
              if (isAscii(s)) {
                prefix = s;
              }
            }
            break;
          }
          default:
            break;
        }
      }
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      return new RawHeader(name, (char) (b[156] & 0xff), mode, uid, gid, size, linkName);
    }

    private static boolean checksumMatches(byte[] b) throws TarFormatException {
      Numbers p = new Numbers(0);
      if (!p.tryOctal(b, 148, 8)) {
        return false;
      }
      long value = p.last;
      long unsigned = 0;
      long signed = 0;
      for (int i = 0; i < BLOCK; i++) {
        int c = (i >= 148 && i < 156) ? ' ' : b[i];
        unsigned += c & 0xff;
        signed += (byte) c;
      }
      return value == unsigned || value == signed;
    }

    static String cString(byte[] data) {
      return cString(data, 0, data.length);
    }

    static String cString(byte[] b, int off, int len) {
      int end = off;
      while (end < off + len && b[end] != 0) {
        end++;
      }
      return Names.decode(b, off, end - off);
    }

    private static boolean isAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
    }
  }

  /** Go's format guess from the magic fields (the checksum was checked before). */
  private enum Format {
    V7, USTAR, GNU, STAR;

    static Format of(byte[] b) {
      boolean ustarMagic = matches(b, 257, "ustar\0");
      if (ustarMagic && matches(b, 508, "tar\0")) {
        return STAR;
      }
      if (ustarMagic) {
        return USTAR;
      }
      if (matches(b, 257, "ustar ") && matches(b, 263, " \0")) {
        return GNU;
      }
      return V7;
    }

    private static boolean matches(byte[] b, int off, String s) {
      for (int i = 0; i < s.length(); i++) {
        if (b[off + i] != (byte) s.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Go's {@code parseNumeric}: base-256 when the high bit is set, else octal padded with spaces and NULs. */
  private static final class Numbers {
    private final long at;
    long last;

    Numbers(long at) {
      this.at = at;
    }

    long numeric(byte[] b, int off, int len, String field) throws TarFormatException {
      if (!tryNumeric(b, off, len)) {
        throw new TarFormatException("invalid tar header at byte " + at + ": its " + field + " field is not a number");
      }
      return last;
    }

    boolean tryNumeric(byte[] b, int off, int len) {
      if ((b[off] & 0x80) != 0) {
        int inv = (b[off] & 0x40) != 0 ? 0xff : 0;
        long x = 0;
        for (int i = 0; i < len; i++) {
          int c = (b[off + i] ^ inv) & 0xff;
          if (i == 0) {
            c &= 0x7f;
          }
          if ((x >>> 56) > 0) {
            return false;
          }
          x = x << 8 | c;
        }
        if ((x >>> 63) > 0) {
          return false;
        }
        last = inv == 0xff ? ~x : x;
        return true;
      }
      return tryOctal(b, off, len);
    }

    boolean tryOctal(byte[] b, int off, int len) {
      int start = off;
      int end = off + len;
      while (start < end && (b[start] == ' ' || b[start] == 0)) {
        start++;
      }
      while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
        end--;
      }
      if (start == end) {
        last = 0;
        return true;
      }
      for (int i = start; i < end; i++) {
        if (b[i] == 0) {
          end = i;
          break;
        }
      }
      long x = 0;
      for (int i = start; i < end; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 7 || (x >>> 61) != 0) {
          return false;
        }
        x = x << 3 | d;
      }
      last = x;
      return true;
    }
  }

  /** PAX extended header records, parsed and validated as Go's {@code parsePAX} does. */
  static final class PaxRecords {
    private PaxRecords() {}

    static Map<String, String> parse(byte[] data, long at) throws TarFormatException {
      Map<String, String> records = new HashMap<>();
      StringBuilder sparseMap = null;
      int sparseCount = 0;
      int pos = 0;
      while (pos < data.length) {
        int space = indexOf(data, (byte) ' ', pos);
        if (space < 0) {
          throw invalid(at, "a record without a length");
        }
        long n = decimal(data, pos, space);
        if (n < 5 || n > data.length - pos) {
          throw invalid(at, "a record length out of range");
        }
        int end = (int) (pos + n);
        if (end <= space + 1 || data[end - 1] != '\n') {
          throw invalid(at, "a record that does not end with a newline");
        }
        int eq = indexOf(data, (byte) '=', space + 1);
        if (eq < 0 || eq >= end - 1) {
          throw invalid(at, "a record without '='");
        }
        String key = Names.decode(data, space + 1, eq - space - 1);
        String value = Names.decode(data, eq + 1, end - 1 - eq - 1);
        boolean nameLike = key.equals("path") || key.equals("linkpath") || key.equals("uname")
            || key.equals("gname");
        if (key.isEmpty() || (nameLike ? value.indexOf('\0') >= 0 : key.indexOf('\0') >= 0)) {
          throw invalid(at, "an invalid record '" + key + "'");
        }
        if (key.equals("GNU.sparse.offset") || key.equals("GNU.sparse.numbytes")) {
          boolean offsetTurn = sparseCount % 2 == 0;
          if (offsetTurn != key.equals("GNU.sparse.offset") || value.contains(",")) {
            throw invalid(at, "GNU sparse records out of order");
          }
          sparseMap = sparseMap == null ? new StringBuilder(value) : sparseMap.append(',').append(value);
          sparseCount++;
        } else {
          records.put(key, value);
        }
        pos = end;
      }
      if (sparseMap != null) {
        records.put("GNU.sparse.map", sparseMap.toString());
      }
      return records;
    }

    /** Go's test for a PAX-format GNU sparse file. */
    static boolean isSparse(Map<String, String> pax) {
      if (pax == null) {
        return false;
      }
      String major = pax.getOrDefault("GNU.sparse.major", "");
      String minor = pax.getOrDefault("GNU.sparse.minor", "");
      if (major.equals("0") && (minor.equals("0") || minor.equals("1"))) {
        return true;
      }
      if (major.equals("1") && minor.equals("0")) {
        return true;
      }
      if (!major.isEmpty() || !minor.isEmpty()) {
        return false;
      }
      return !pax.getOrDefault("GNU.sparse.map", "").isEmpty();
    }

    /** Go's {@code strconv.ParseInt(v, 10, 64)}: an optional sign, then ASCII digits, within 64 bits. */
    static long parseLong(String v, String key, long at) throws TarFormatException {
      int i = 0;
      boolean negative = false;
      if (!v.isEmpty() && (v.charAt(0) == '+' || v.charAt(0) == '-')) {
        negative = v.charAt(0) == '-';
        i = 1;
      }
      if (i == v.length()) {
        throw invalid(at, "PAX " + key + " '" + v + "' is not a 64-bit integer");
      }
      long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
      long multmin = limit / 10;
      long n = 0; // accumulated negatively, as Long.parseLong does
      for (; i < v.length(); i++) {
        int d = v.charAt(i) - '0';
        if (d < 0 || d > 9 || n < multmin || n * 10 < limit + d) {
          throw invalid(at, "PAX " + key + " '" + v + "' is not a 64-bit integer");
        }
        n = n * 10 - d;
      }
      return negative ? n : -n;
    }

    /** Go's {@code parsePAXTime}: seconds, optionally a fraction of digits. */
    static void parseTime(String v, String key, long at) throws TarFormatException {
      int dot = v.indexOf('.');
      String secs = dot < 0 ? v : v.substring(0, dot);
      parseLong(secs, key, at);
      if (dot >= 0) {
        String frac = v.substring(dot + 1);
        for (int i = 0; i < frac.length(); i++) {
          if (frac.charAt(i) < '0' || frac.charAt(i) > '9') {
            throw invalid(at, "PAX " + key + " '" + v + "' is not a time");
          }
        }
      }
    }

    private static long decimal(byte[] data, int from, int to) throws TarFormatException {
      // strconv.ParseInt(s, 10, 0): an optional sign, then digits
      int i = from;
      boolean negative = false;
      if (i < to && (data[i] == '+' || data[i] == '-')) {
        negative = data[i] == '-';
        i++;
      }
      if (i == to) {
        return -1;
      }
      long n = 0;
      for (; i < to; i++) {
        int d = data[i] - '0';
        if (d < 0 || d > 9 || n > (Long.MAX_VALUE - d) / 10) {
          return -1;
        }
        n = n * 10 + d;
      }
      return negative ? -n : n;
    }

    private static int indexOf(byte[] data, byte b, int from) {
      for (int i = from; i < data.length; i++) {
        if (data[i] == b) {
          return i;
        }
      }
      return -1;
    }


    private static TarFormatException invalid(long at, String what) {
      return new TarFormatException("invalid PAX header at byte " + at + ": " + what);
    }
  }
}
