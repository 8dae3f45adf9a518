package io.podarmor.internal.runtime;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.HealthProbe;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A snapshot of what {@code docker inspect} says about a container's state. */
public final class ContainerState {
  public final boolean running;
  public final String status;
  public final int exitCode;
  public final long pid;
  public final boolean oomKilled;
  public final String error;
  public final Instant startedAt;
  /** {@code starting}, {@code healthy} or {@code unhealthy}; null when the image has no health check. */
  public final String health;
  public final List<HealthProbe> healthLog;

  private ContainerState(InspectContainerResponse.ContainerState s) {
    this.running = Boolean.TRUE.equals(s.getRunning());
    this.status = s.getStatus() == null ? "unknown" : s.getStatus();
    this.exitCode = s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue();
    this.pid = s.getPidLong() == null ? 0 : s.getPidLong();
    this.oomKilled = Boolean.TRUE.equals(s.getOOMKilled());
    this.error = s.getError() == null ? "" : s.getError();
    this.startedAt = instant(s.getStartedAt());
    HealthState h = s.getHealth();
    this.health = h == null || h.getStatus() == null || h.getStatus().isEmpty() || "none".equals(h.getStatus())
        ? null : h.getStatus();
    List<HealthProbe> log = new ArrayList<>();
    if (h != null && h.getLog() != null) {
      for (HealthStateLog entry : h.getLog()) {
        log.add(new HealthProbe(instant(entry.getStart()),
            entry.getExitCodeLong() == null ? -1 : entry.getExitCodeLong().intValue(), entry.getOutput()));
      }
    }
    this.healthLog = List.copyOf(log);
  }

  /** The container's state now. */
  public static ContainerState of(String containerId, String what) {
    try {
      InspectContainerResponse r = Docker.client().inspectContainerCmd(containerId).exec();
      return new ContainerState(r.getState());
    } catch (NotFoundException e) {
      throw new ContainerException("The container of " + what + " (" + shortId(containerId)
          + ") no longer exists in the Docker engine (" + Docker.host() + "): it was removed");
    } catch (RuntimeException e) {
      throw new ContainerException("Cannot inspect the container of " + what + " (" + shortId(containerId) + "): "
          + EngineErrors.message(e), e);
    }
  }

  public Optional<String> health() {
    return Optional.ofNullable(health);
  }

  /** The first 12 characters of a container id, as {@code docker ps} shows it. */
  public static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  private static Instant instant(String text) {
    if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
