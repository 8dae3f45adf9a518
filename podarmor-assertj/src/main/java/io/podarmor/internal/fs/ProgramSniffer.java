package io.podarmor.internal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Identifies shells and multi-call binaries by their content, whatever they are named: a bounded scan of an ELF
 * executable's bytes for strings only those programs carry. Scripts and other non-ELF files are not programs of
 * that kind, whatever text they contain.
 */
public final class ProgramSniffer {
  /** Executables larger than this are not scanned. */
  public static final long MAX_SCANNED_SIZE = 32L * 1024 * 1024;

  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
  private static final byte[][] MARKERS = {
      ascii("BusyBox v"),
      ascii("Usage: toybox"),
      ascii("usage: toybox"),
      ascii("GNU bash, version "),
  };
  private static final String[] PROGRAMS = {"busybox", "toybox", "toybox", "bash"};
  private static final int OVERLAP = maxLength() - 1;
  private static final int CHUNK = 1 << 16;
  /** One scan buffer per reading thread: most executables are small, and a fresh 64 KB each is costly. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK + OVERLAP]);

  /**
   * For each byte that starts a marker, the byte that follows it in that marker (0 for bytes that start none): two
   * cheap tests per byte scanned, and a full comparison only where both match.
   */
  private static final byte[] SECOND_BYTE = new byte[256];

  static {
    for (byte[] m : MARKERS) {
      byte previous = SECOND_BYTE[m[0] & 0xff];
      if (previous != 0 && previous != m[1]) {
        throw new IllegalStateException("markers starting alike need a wider prefilter");
      }
      SECOND_BYTE[m[0] & 0xff] = m[1];
    }
  }

  private ProgramSniffer() {}

  /** True when a regular file with this mode and size is worth scanning. */
  public static boolean shouldScan(int mode, long size) {
    return (mode & 0111) != 0 && size > 0 && size <= MAX_SCANNED_SIZE;
  }

  /**
   * The program the stream's content identifies, or {@code null}; reads only as much as it needs (nothing past the
   * first bytes of a file that is not ELF), the caller skips the rest.
   */
  public static String identify(InputStream in) throws IOException {
    byte[] buf = BUFFER.get();
    int len = in.readNBytes(buf, 0, ELF.length);
    if (len < ELF.length || !matches(buf, len, 0, ELF)) {
      return null;
    }
    int n;
    while ((n = in.read(buf, len, buf.length - len)) > 0) {
      len += n;
      String found = search(buf, len);
      if (found != null) {
        return found;
      }
      int kept = Math.min(OVERLAP, len);
      System.arraycopy(buf, len - kept, buf, 0, kept);
      len = kept;
    }
    return null;
  }

  private static String search(byte[] buf, int len) {
    int last = len - 1;
    for (int i = 0; i < last; i++) {
      byte second = SECOND_BYTE[buf[i] & 0xff];
      if (second != 0 && buf[i + 1] == second) {
        for (int m = 0; m < MARKERS.length; m++) {
          if (matches(buf, len, i, MARKERS[m])) {
            return PROGRAMS[m];
          }
        }
      }
    }
    return null;
  }

  private static boolean matches(byte[] buf, int len, int at, byte[] marker) {
    if (at + marker.length > len) {
      return false;
    }
    for (int j = 0; j < marker.length; j++) {
      if (buf[at + j] != marker[j]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static int maxLength() {
    int max = 0;
    for (byte[] m : MARKERS) {
      max = Math.max(max, m.length);
    }
    return max;
  }
}
