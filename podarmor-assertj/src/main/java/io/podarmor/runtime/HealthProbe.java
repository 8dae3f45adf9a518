package io.podarmor.runtime;

import java.time.Instant;

/**
 * One run of the image's HEALTHCHECK by the engine, as {@code docker inspect} records it under
 * {@code State.Health.Log}: when it started, its exit code ({@code 0} healthy, anything else unhealthy) and its
 * output.
 *
 * <pre>{@code container.healthLog().get(0).exitCode()  // 1}</pre>
 *
 * @param start    when the engine started the probe; {@code null} if it did not record it
 * @param exitCode the probe's exit code
 * @param output   the probe's output, as the engine kept it (its first 4096 bytes)
 */
public record HealthProbe(Instant start, int exitCode, String output) {
  /** Makes the record; an absent (null) component becomes an empty value. */
  public HealthProbe {
    output = output == null ? "" : output;
  }

  /** {@code exit 1: database unreachable}. */
  @Override
  public String toString() {
    String out = output.strip().replace("\n", " | ");
    return "exit " + exitCode + (out.isEmpty() ? "" : ": " + out);
  }
}
