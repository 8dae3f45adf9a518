package io.podarmor.internal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Identifies shells, multi-call binaries and package managers by their content, whatever they are named: a scan of
 * an ELF file's whole content, however large, for strings only those programs carry, as Debian's binaries have them
 * (busybox's and toybox's banners; bash's version text, dash's getopts usage, zsh's and tcsh's help, the versions of
 * mksh, ksh93 and yash, sash's usage, posh's version variable, fish's help function, rc's {@code flag} usage;
 * dpkg's and apt's usage and version texts, rpm's and
 * pacman's messages). Scripts and other non-ELF files are not programs of that kind, whatever text they contain. Every
 * regular ELF file is identified, executable or not, because a later hard link in the same layer can make it
 * executable.
 */
public final class ProgramSniffer {
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
  private static final byte[][] MARKERS = {
      ascii("BusyBox v"),
      ascii("Usage: toybox"),
      ascii("usage: toybox"),
      ascii("GNU bash, version "),
      ascii("Usage: getopts optstring var [arg...]"),
      ascii("show zsh version number, then exit"),
      ascii("@(#)MIRBSD KSH "),
      ascii("See the tcsh(1) manual page"),
      ascii("Version AJM 93"),
      ascii("Yet another shell, version "),
      ascii("POSH_VERSION"),
      ascii("Usage: sash [-a] [-q]"),
      ascii("__fish_print_help fish"),
      ascii("usage: flag f [ + | - ]"),
      ascii("package management program version"),
      ascii("Usage: apt-get [options] command"),
      ascii("Usage: apt [options] command"),
      ascii("no packages given for install"),
      ascii("libalpm v%s"),
  };
  private static final String[] PROGRAMS = {"busybox", "toybox", "toybox", "bash", "dash", "zsh", "mksh", "tcsh",
      "ksh93", "yash", "posh", "sash", "fish", "rc",
      "dpkg", "apt-get", "apt", "rpm", "pacman"};
  private static final int OVERLAP = maxLength() - 1;
  private static final int CHUNK = 1 << 16;
  /** One scan buffer per reading thread: most files are small, and a fresh 64 KB each is costly. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK + OVERLAP]);

  /** The shortest marker's length: the window the search slides. */
  private static final int WINDOW = minLength();
  /**
   * How far the window may slide when its last byte is this one (Horspool's rule for a set of markers): the distance
   * from that byte's last place among the markers' first {@code WINDOW - 1} bytes to the window's end, else the whole
   * window. Most bytes of a binary appear in no marker, so most steps skip a whole window.
   */
  private static final int[] SHIFT = new int[256];
  /** Whether a byte ends some marker's first window: only there can a marker start at the window. */
  private static final boolean[] ENDS_WINDOW = new boolean[256];
  /**
   * For each byte that starts a marker, the first four bytes of its markers as a big-endian int (markers starting
   * alike share their first four bytes): one comparison before the full ones.
   */
  private static final int[] PREFIX = new int[256];

  static {
    java.util.Arrays.fill(SHIFT, WINDOW);
    for (byte[] m : MARKERS) {
      for (int k = 0; k < WINDOW - 1; k++) {
        SHIFT[m[k] & 0xff] = Math.min(SHIFT[m[k] & 0xff], WINDOW - 1 - k);
      }
      ENDS_WINDOW[m[WINDOW - 1] & 0xff] = true;
      int prefix = bigEndianInt(m, 0);
      int previous = PREFIX[m[0] & 0xff];
      if (previous != 0 && previous != prefix) {
        throw new IllegalStateException("markers starting alike need a wider prefilter");
      }
      PREFIX[m[0] & 0xff] = prefix;
    }
  }

  private ProgramSniffer() {}

  /**
   * The program the stream's content identifies, or {@code null}; reads nothing past the first bytes of a file that
   * is not ELF, and an ELF file up to the marker or its end (the caller skips the rest).
   */
  public static String identify(InputStream in) throws IOException {
    byte[] head = new byte[ELF.length];
    return identify(head, in.readNBytes(head, 0, ELF.length), in);
  }

  /**
   * As {@link #identify(InputStream)}, for a file whose first {@code headLength} bytes were read already: the rest is
   * read from {@code rest} only when they start an ELF file.
   */
  public static String identify(byte[] head, int headLength, InputStream rest) throws IOException {
    if (headLength < ELF.length || !matches(head, headLength, 0, ELF)) {
      return null;
    }
    byte[] buf = BUFFER.get();
    int len = Math.min(headLength, buf.length);
    System.arraycopy(head, 0, buf, 0, len);
    String found = search(buf, 0, len);
    if (found != null) {
      return found;
    }
    int n;
    while ((n = rest.read(buf, len, buf.length - len)) > 0) {
      len += n;
      found = search(buf, 0, len);
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

  /** The program of the first marker found in {@code buf[from, len)}; markers reaching past {@code len} are not. */
  private static String search(byte[] buf, int from, int len) {
    for (int i = from; i <= len - WINDOW; i += SHIFT[buf[i + WINDOW - 1] & 0xff]) {
      if (ENDS_WINDOW[buf[i + WINDOW - 1] & 0xff] && PREFIX[buf[i] & 0xff] != 0
          && bigEndianInt(buf, i) == PREFIX[buf[i] & 0xff]) {
        for (int m = 0; m < MARKERS.length; m++) {
          if (matches(buf, len, i, MARKERS[m])) {
            return PROGRAMS[m];
          }
        }
      }
    }
    return null;
  }

  /**
   * Four bytes as a big-endian int, with shifts rather than a byte-array view: a fresh JVM runs this search before
   * the JIT compiles it, and a view's access through method handles costs many times more there.
   */
  private static int bigEndianInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
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

  private static int minLength() {
    int min = Integer.MAX_VALUE;
    for (byte[] m : MARKERS) {
      min = Math.min(min, m.length);
    }
    return min;
  }

  private static int maxLength() {
    int max = 0;
    for (byte[] m : MARKERS) {
      max = Math.max(max, m.length);
    }
    return max;
  }
}
