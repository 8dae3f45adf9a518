package io.podarmor.internal.tar;

/**
 * Decodes file names from their bytes: UTF-8, strictly, with each byte that is not part of a valid sequence mapped to
 * {@code U+DC00 + byte} (Python's "surrogateescape"). Valid UTF-8 never decodes to a lone surrogate, so the mapping
 * is one-to-one: two names the engine sees as different are never taken for the same path.
 */
public final class Names {
  private Names() {}

  public static String decode(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end && b[i] >= 0) {
      i++;
    }
    if (i == end) {
      return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    StringBuilder s = new StringBuilder(len);
    for (int j = off; j < i; j++) {
      s.append((char) b[j]);
    }
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        s.append((char) c);
        i++;
        continue;
      }
      int n;
      int min;
      int cp;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
        cp = c & 0x1f;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
        cp = c & 0x0f;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
        cp = c & 0x07;
      } else {
        s.append((char) (0xdc00 + c));
        i++;
        continue;
      }
      boolean valid = i + n < end; // the continuation bytes are all there
      int k = 1;
      for (; valid && k <= n; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          valid = false;
          break;
        }
        cp = cp << 6 | (cc & 0x3f);
      }
      if (valid && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) {
        valid = false;
      }
      if (!valid) {
        s.append((char) (0xdc00 + c));
        i++;
        continue;
      }
      s.appendCodePoint(cp);
      i += n + 1;
    }
    return s.toString();
  }

  /** {@code decode} of a whole array. */
  public static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  /** The name as text for messages: lone surrogates of undecodable bytes shown as {@code \xNN}. */
  public static String printable(String name) {
    StringBuilder s = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean escaped = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && Character.isHighSurrogate(name.charAt(i - 1)));
      if (escaped || c < 0x20) {
        if (s == null) {
          s = new StringBuilder(name.substring(0, i));
        }
        s.append(String.format("\\x%02x", escaped ? c - 0xdc00 : (int) c));
      } else if (s != null) {
        s.append(c);
      }
    }
    return s == null ? name : s.toString();
  }
}
