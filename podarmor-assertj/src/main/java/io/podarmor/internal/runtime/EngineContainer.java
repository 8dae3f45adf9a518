package io.podarmor.internal.runtime;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ExecResult;
import io.podarmor.runtime.HealthProbe;
import io.podarmor.runtime.ProcessInfo;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@link RunningContainer} in the local Docker engine, observed with the engine's API. */
final class EngineContainer implements RunningContainer {
  private static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(60);

  private final ContainerImage image;
  private final RuntimeProfile profile;
  private final String id;
  private final String name;
  private final String what;
  private volatile boolean closed;

  EngineContainer(ContainerImage image, RuntimeProfile profile, ContainerLauncher.Launched launched) {
    this.image = image;
    this.profile = profile;
    this.id = launched.id();
    this.name = launched.name();
    this.what = ContainerLauncher.describe(image);
  }

  @Override
  public ContainerImage image() {
    return image;
  }

  @Override
  public RuntimeProfile profile() {
    return profile;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ProcessInfo mainProcess() {
    requireOpen();
    String action = "read the user of the main process";
    ContainerState state = Liveness.requireRunning(id, what, action);
    try {
      return ProcessTable.mainProcess(id, state.pid, what);
    } catch (ContainerException e) {
      throw Liveness.exitedSince(id, what, action, e); // the process list came without it: it may have just exited
    }
  }

  @Override
  public long processUid() {
    return mainProcess().uid();
  }

  @Override
  public long processGid() {
    return mainProcess().gid();
  }

  @Override
  public ExecResult exec(String... command) {
    return exec(DEFAULT_EXEC_TIMEOUT, command);
  }

  @Override
  public ExecResult exec(Duration timeout, String... command) {
    Objects.requireNonNull(timeout, "timeout");
    if (command == null || command.length == 0) {
      throw new IllegalArgumentException("exec needs a command, e.g. exec(\"/app\", \"--version\")");
    }
    requireOpen();
    return ExecRunner.exec(id, what, timeout, command);
  }

  @Override
  public boolean isRunning() {
    return state().running;
  }

  @Override
  public OptionalInt exitCode() {
    ContainerState state = state();
    return state.running ? OptionalInt.empty() : OptionalInt.of(state.exitCode);
  }

  @Override
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(state().startedAt);
  }

  @Override
  public boolean isHealthy() {
    return "healthy".equals(state().health);
  }

  @Override
  public Optional<String> healthStatus() {
    return state().health();
  }

  @Override
  public List<HealthProbe> healthLog() {
    return state().healthLog;
  }

  @Override
  public String logs() {
    requireOpen();
    return LogReader.logs(id, what, 0);
  }

  @Override
  public List<String> lastLogLines(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive, but was " + n);
    }
    requireOpen();
    String tail = LogReader.logs(id, what, n);
    if (tail.isEmpty()) {
      return List.of();
    }
    List<String> lines = Arrays.asList(tail.split("\r?\n", -1));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines = lines.subList(0, lines.size() - 1);
    }
    return List.copyOf(lines.size() > n ? lines.subList(lines.size() - n, lines.size()) : lines);
  }

  private ContainerState state() {
    requireOpen();
    return ContainerState.of(id, what);
  }

  private void requireOpen() {
    if (closed) {
      throw new ContainerException("The container of " + what + " (" + ContainerState.shortId(id)
          + ") was closed and removed");
    }
  }

  /** Removes the container (force, with its anonymous volumes); idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      ContainerReaper.remove(id);
    }
  }

  /** {@code container 0123456789ab of acme/api:1.4.2@sha256:… (profile restricted)}. */
  @Override
  public String toString() {
    return "container " + ContainerState.shortId(id) + " of " + what + " (profile " + profile.name() + ")";
  }
}
