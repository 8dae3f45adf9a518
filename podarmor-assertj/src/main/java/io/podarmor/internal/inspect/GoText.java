package io.podarmor.internal.inspect;

/** Go's text primitives that runc's user lookup relies on: {@code bytes.TrimSpace} and {@code strconv.Atoi}. */
final class GoText {
  private GoText() {}

  /**
   * {@code bytes.TrimSpace}: the bounds of {@code b[from, to)} without leading and trailing Unicode white space, the
   * bytes decoded as UTF-8 (an invalid byte is not space).
   */
  static int[] trimSpace(byte[] b, int from, int to) {
    int start = from;
    while (start < to) {
      int width = spaceWidth(b, start, to);
      if (width == 0) {
        break;
      }
      start += width;
    }
    int end = to;
    while (end > start) {
      int width = spaceWidthBefore(b, start, end);
      if (width == 0) {
        break;
      }
      end -= width;
    }
    return new int[] {start, end};
  }

  /** {@code strconv.Atoi}'s number, or {@code null} when it returns an error (not a number, or out of range). */
  static Long atoi(String s) {
    long[] out = new long[1];
    return parse(s, out) ? out[0] : null;
  }

  /**
   * What runc stores for a numeric field, ignoring the error as it does: the number; 0 when the field is missing or
   * not a number; the nearest 64-bit value when it is out of range (Go detects the overflow before a later bad
   * character, as here).
   */
  static long atoiLenient(String s) {
    long[] out = new long[1];
    parse(s, out);
    return out[0];
  }

  private static final long CUTOFF = Long.divideUnsigned(-1L, 10) + 1; // ParseUint's cutoff for base 10

  /** Go's {@code strconv.Atoi}: the value it returns into {@code out[0]}, and whether it returns no error. */
  private static boolean parse(String s, long[] out) {
    out[0] = 0;
    if (s == null || s.isEmpty()) {
      return false;
    }
    boolean negative = s.charAt(0) == '-';
    int i = s.charAt(0) == '+' || negative ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    long n = 0; // unsigned, as ParseUint accumulates
    for (; i < s.length(); i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false; // syntax error: Go returns 0
      }
      if (Long.compareUnsigned(n, CUTOFF) >= 0 || Long.compareUnsigned(n * 10 + d, n * 10) < 0) {
        out[0] = negative ? Long.MIN_VALUE : Long.MAX_VALUE; // range error: Go returns the clamped value
        return false;
      }
      n = n * 10 + d;
    }
    if (!negative && Long.compareUnsigned(n, Long.MIN_VALUE) >= 0) {
      out[0] = Long.MAX_VALUE;
      return false;
    }
    if (negative && Long.compareUnsigned(n, Long.MIN_VALUE) > 0) {
      out[0] = Long.MIN_VALUE;
      return false;
    }
    out[0] = negative ? -n : n;
    return true;
  }

  private static int spaceWidth(byte[] b, int at, int to) {
    int c = b[at] & 0xff;
    if (c < 0x80) {
      return c == ' ' || (c >= '\t' && c <= '\r') ? 1 : 0;
    }
    int cp;
    int width;
    if (c == 0xc2 && at + 1 < to) {
      cp = (b[at + 1] & 0xff) == 0x85 || (b[at + 1] & 0xff) == 0xa0 ? b[at + 1] & 0xff : -1;
      width = 2;
    } else if ((c == 0xe1 || c == 0xe2 || c == 0xe3) && at + 2 < to && (b[at + 1] & 0xc0) == 0x80
        && (b[at + 2] & 0xc0) == 0x80) {
      cp = (c & 0x0f) << 12 | (b[at + 1] & 0x3f) << 6 | (b[at + 2] & 0x3f);
      width = 3;
    } else {
      return 0;
    }
    return isSpace(cp) ? width : 0;
  }

  private static int spaceWidthBefore(byte[] b, int from, int end) {
    int c = b[end - 1] & 0xff;
    if (c < 0x80) {
      return c == ' ' || (c >= '\t' && c <= '\r') ? 1 : 0;
    }
    if (end - 2 >= from && spaceWidth(b, end - 2, end) == 2) {
      return 2;
    }
    if (end - 3 >= from && spaceWidth(b, end - 3, end) == 3) {
      return 3;
    }
    return 0;
  }

  /** Go's {@code unicode.IsSpace} above ASCII. */
  private static boolean isSpace(int cp) {
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028
        || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
  }
}
