package io.podarmor.image;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The image's HEALTHCHECK, as its config records it.
 *
 * <pre>{@code image.config().healthcheck().map(Healthcheck::test)  // [CMD, /app, --health]}</pre>
 */
public final class Healthcheck {
  private final List<String> test;
  private final Duration interval;
  private final Duration timeout;
  private final Duration startPeriod;
  private final Integer retries;

  public Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod, Integer retries) {
    this.test = test == null ? List.of() : List.copyOf(test);
    this.interval = interval;
    this.timeout = timeout;
    this.startPeriod = startPeriod;
    this.retries = retries;
  }

  /** The test, e.g. {@code [CMD-SHELL, curl -f http://localhost/]} or {@code [NONE]}. */
  public List<String> test() {
    return test;
  }

  /** True for {@code HEALTHCHECK NONE} (or an empty test, which inherits nothing useful). */
  public boolean isDisabled() {
    return test.isEmpty() || "NONE".equals(test.get(0));
  }

  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  public Optional<Duration> startPeriod() {
    return Optional.ofNullable(startPeriod);
  }

  public Optional<Integer> retries() {
    return Optional.ofNullable(retries);
  }

  @Override
  public String toString() {
    return String.join(" ", test);
  }
}
