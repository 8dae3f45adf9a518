package io.podarmor.internal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Identifies shells and multi-call binaries by their content, whatever they are named: a bounded scan of an
 * executable's bytes for strings only those programs carry.
 */
public final class ProgramSniffer {
  /** Executables larger than this are not scanned. */
  public static final long MAX_SCANNED_SIZE = 32L * 1024 * 1024;

  private static final byte[][] MARKERS = {
      ascii("BusyBox v"),
      ascii("Usage: toybox"),
      ascii("usage: toybox"),
      ascii("GNU bash, version "),
  };
  private static final String[] PROGRAMS = {"busybox", "toybox", "toybox", "bash"};
  private static final int OVERLAP = maxLength() - 1;

  private ProgramSniffer() {}

  /** True when a regular file with this mode and size is worth scanning. */
  public static boolean shouldScan(int mode, long size) {
    return (mode & 0111) != 0 && size > 0 && size <= MAX_SCANNED_SIZE;
  }

  /** Reads the stream to its end and returns the program it identifies, or {@code null}. */
  public static String identify(InputStream in) throws IOException {
    byte[] buf = new byte[65536 + OVERLAP];
    int kept = 0;
    int n;
    while ((n = in.read(buf, kept, buf.length - kept)) > 0) {
      int len = kept + n;
      String found = search(buf, len);
      if (found != null) {
        in.skip(Long.MAX_VALUE);
        return found;
      }
      kept = Math.min(OVERLAP, len);
      System.arraycopy(buf, len - kept, buf, 0, kept);
    }
    return null;
  }

  private static String search(byte[] buf, int len) {
    for (int i = 0; i < len; i++) {
      byte b = buf[i];
      if (b != 'B' && b != 'U' && b != 'u' && b != 'G') {
        continue;
      }
      for (int m = 0; m < MARKERS.length; m++) {
        if (matches(buf, len, i, MARKERS[m])) {
          return PROGRAMS[m];
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
