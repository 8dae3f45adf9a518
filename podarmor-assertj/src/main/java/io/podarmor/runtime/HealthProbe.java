package io.podarmor.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of the image's HEALTHCHECK by the engine, as {@code docker inspect} records it under
 * {@code State.Health.Log}: when it started, its exit code ({@code 0} healthy, anything else unhealthy) and its
 * output.
 *
 * <pre>{@code container.healthLog().get(0).exitCode()  // 1}</pre>
 */
public final class HealthProbe {
  private final Instant start;
  private final int exitCode;
  private final String output;

  public HealthProbe(Instant start, int exitCode, String output) {
    this.start = start;
    this.exitCode = exitCode;
    this.output = output == null ? "" : output;
  }

  /** When the engine started the probe; {@code null} if it did not record it. */
  public Instant start() {
    return start;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The probe's output, as the engine kept it (its first 4096 bytes). */
  public String output() {
    return output;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HealthProbe)) {
      return false;
    }
    HealthProbe p = (HealthProbe) o;
    return Objects.equals(start, p.start) && exitCode == p.exitCode && output.equals(p.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, exitCode, output);
  }

  /** {@code exit 1: database unreachable}. */
  @Override
  public String toString() {
    String out = output.strip().replace("\n", " | ");
    return "exit " + exitCode + (out.isEmpty() ? "" : ": " + out);
  }
}
