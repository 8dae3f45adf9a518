package io.podarmor.internal.runtime;

import java.time.Duration;

/** Durations as people write them: {@code 500ms}, {@code 5s}, {@code 1m30s}. */
public final class Durations {
  private Durations() {}

  public static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms % 1000 != 0) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 60) {
      return s + "s";
    }
    return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
  }
}
