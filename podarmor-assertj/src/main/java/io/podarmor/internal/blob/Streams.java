package io.podarmor.internal.blob;

import java.io.IOException;
import java.io.InputStream;

/** Stream helpers shared by the verifying streams. */
public final class Streams {
  private Streams() {}

  /**
   * Skips by reading through {@code in}'s own {@code read}, so a stream that digests, counts or checks what passes
   * sees skipped bytes too (a plain {@code skip} would bypass it).
   */
  public static long skipByReading(InputStream in, long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 65536)];
    long skipped = 0;
    while (skipped < n) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }
}
