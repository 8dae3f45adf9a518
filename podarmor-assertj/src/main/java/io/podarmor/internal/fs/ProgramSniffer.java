package io.podarmor.internal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Identifies shells, multi-call binaries and package managers by their content, whatever they are named: a scan of
 * an ELF file's whole content, however large, for strings only those programs carry (dpkg's and apt's usage and
 * version texts, as Debian's binaries have them). Scripts and other non-ELF files are not programs of
 * that kind, whatever text they contain. Every regular ELF file is identified, executable or not, because a later
 * hard link in the same layer can make it executable.
 */
public final class ProgramSniffer {
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
  private static final byte[][] MARKERS = {
      ascii("BusyBox v"),
      ascii("Usage: toybox"),
      ascii("usage: toybox"),
      ascii("GNU bash, version "),
      ascii("package management program version"),
      ascii("Usage: apt-get [options] command"),
      ascii("Usage: apt [options] command"),
  };
  private static final String[] PROGRAMS = {"busybox", "toybox", "toybox", "bash", "dpkg", "apt-get", "apt"};
  private static final int OVERLAP = maxLength() - 1;
  private static final int CHUNK = 1 << 16;
  /** One scan buffer per reading thread: most files are small, and a fresh 64 KB each is costly. */
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

  /**
   * The program the stream's content identifies, or {@code null}; reads nothing past the first bytes of a file that
   * is not ELF, and an ELF file up to the marker or its end (the caller skips the rest).
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
      String found = search(buf, 0, len);
      if (found != null) {
        return found;
      }
      int kept = Math.min(OVERLAP, len);
      System.arraycopy(buf, len - kept, buf, 0, kept);
      len = kept;
    }
    return null;
  }

  /** The program the first {@code len} bytes identify, or {@code null}. */
  public static String identify(byte[] content, int len) {
    if (len < ELF.length || !matches(content, len, 0, ELF)) {
      return null;
    }
    return search(content, 0, len);
  }

  private static String search(byte[] buf, int from, int len) {
    int last = len - 1;
    for (int i = from; i < last; i++) {
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
