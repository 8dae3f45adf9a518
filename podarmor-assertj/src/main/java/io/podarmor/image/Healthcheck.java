package io.podarmor.image;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The image's HEALTHCHECK, as its config records it.
 *
 * <pre>{@code image.config().healthcheck().map(Healthcheck::test)  // [CMD, /app, --health]}</pre>
 *
 * @param test        the test, e.g. {@code [CMD-SHELL, curl -f http://localhost/]} or {@code [NONE]}
 * @param interval    the interval, if set
 * @param timeout     the timeout, if set
 * @param startPeriod the start period, if set
 * @param retries     the retries, if set
 */
public record Healthcheck(List<String> test, Optional<Duration> interval, Optional<Duration> timeout,
    Optional<Duration> startPeriod, Optional<Integer> retries) {
  /** Makes the record; an absent (null) component becomes an empty value. */
  public Healthcheck {
    test = test == null ? List.of() : List.copyOf(test);
    interval = interval == null ? Optional.empty() : interval;
    timeout = timeout == null ? Optional.empty() : timeout;
    startPeriod = startPeriod == null ? Optional.empty() : startPeriod;
    retries = retries == null ? Optional.empty() : retries;
  }

  /** A HEALTHCHECK from its config values, each {@code null} when not set. */
  public static Healthcheck of(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
      Integer retries) {
    return new Healthcheck(test, Optional.ofNullable(interval), Optional.ofNullable(timeout),
        Optional.ofNullable(startPeriod), Optional.ofNullable(retries));
  }

  /**
   * True when the engine runs no probe for it: {@code HEALTHCHECK NONE}, an empty test (which inherits nothing
   * useful), or a test whose type, its first word, is not exactly {@code CMD} or {@code CMD-SHELL} (the engine logs
   * such a type as unknown and never probes).
   */
  public boolean isDisabled() {
    return test.isEmpty() || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"));
  }

  @Override
  public String toString() {
    return String.join(" ", test);
  }
}
