package io.podarmor.runtime;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.runtime.ContainerLauncher;
import io.podarmor.internal.runtime.ContainerReaper;
import io.podarmor.internal.runtime.ContainerState;
import io.podarmor.internal.runtime.ExecRunner;
import io.podarmor.internal.runtime.Liveness;
import io.podarmor.internal.runtime.LogReader;
import io.podarmor.internal.runtime.PodArmorRun;
import io.podarmor.internal.runtime.ProcessTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container of an image under test, started in the local Docker engine under a {@link RuntimeProfile} and
 * observed from outside: the main process' user comes from the engine's process list, health from the engine's
 * health status, so images without {@code id}, {@code find} or a shell can be checked. Close it to remove it.
 *
 * <p>The image must already be in the engine; nothing is pulled, and the container is created from the engine's
 * image ID, so it runs exactly the image that was inspected. For an image read from a {@code docker save}
 * archive, run {@code docker load -i image.tar} first; for an OCI layout, {@code skopeo copy oci:<dir>
 * docker-daemon:<name>:<tag>} (or build with buildx {@code --load}). Every container has network mode {@code none}
 * unless the profile says otherwise, carries the labels {@value #RUN_LABEL} (this JVM's {@link #runId()}),
 * {@value #IMAGE_LABEL} and {@value #PROFILE_LABEL}, and is removed on {@link #close()} and, at the latest, when
 * the JVM exits.
 *
 * <pre>{@code
 * try (RunningContainer container = RunningContainer.start(image, RuntimeProfile.RESTRICTED)) {
 *   container.processUid();            // 65532, read with `docker top`, not by running `id`
 *   container.exec("/bin/sh", "-c", "true").exitCode();  // 126 or 127 on a distroless image
 * }
 * }</pre>
 */
public final class RunningContainer implements AutoCloseable {
  /** The label holding the id of the run (JVM) that started the container. */
  public static final String RUN_LABEL = PodArmorRun.RUN_LABEL;
  /** The label holding the reference of the image under test. */
  public static final String IMAGE_LABEL = PodArmorRun.IMAGE_LABEL;
  /** The label holding the name of the runtime profile. */
  public static final String PROFILE_LABEL = PodArmorRun.PROFILE_LABEL;

  private static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(60);

  private final ContainerImage image;
  private final RuntimeProfile profile;
  private final String id;
  private final String name;
  private final String what;
  private volatile boolean closed;

  private RunningContainer(ContainerImage image, RuntimeProfile profile, ContainerLauncher.Launched launched) {
    this.image = image;
    this.profile = profile;
    this.id = launched.id;
    this.name = launched.name;
    this.what = ContainerLauncher.describe(image);
  }

  /**
   * Creates and starts a container of the image under the profile. A main process that exits at once does not make
   * this fail; {@link #isRunning()} and {@link #exitCode()} tell.
   *
   * @throws ContainerException when the engine does not have the image or refuses to create or start the container
   */
  public static RunningContainer start(ContainerImage image, RuntimeProfile profile) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(profile, "profile");
    return new RunningContainer(image, profile, ContainerLauncher.launch(image, profile));
  }

  /** {@link #start(ContainerImage, RuntimeProfile)} with {@link RuntimeProfile#DEFAULT}. */
  public static RunningContainer start(ContainerImage image) {
    return start(image, RuntimeProfile.DEFAULT);
  }

  /** This JVM's run id, the value of {@value #RUN_LABEL} on every container it starts. */
  public static String runId() {
    return PodArmorRun.id();
  }

  /** The image this container runs. */
  public ContainerImage image() {
    return image;
  }

  /** The profile it was started under. */
  public RuntimeProfile profile() {
    return profile;
  }

  /** The engine's container id. */
  public String id() {
    return id;
  }

  /** The container name, e.g. {@code acme-api-1.4.2-podarmor-3f2a1b9c}. */
  public String name() {
    return name;
  }

  /**
   * The main process (PID 1 in the container) as the engine's process list shows it.
   *
   * @throws ProcessExitedException when the main process has exited
   * @throws ContainerException when the engine cannot list the container's processes
   */
  public ProcessInfo mainProcess() {
    requireOpen();
    ContainerState state = Liveness.requireRunning(id, what, "read the user of the main process");
    return ProcessTable.mainProcess(id, state.pid, what);
  }

  /** The effective uid of the main process, read from outside; see {@link #mainProcess()}. */
  public long processUid() {
    return mainProcess().uid();
  }

  /** The effective gid of the main process, read from outside; see {@link #mainProcess()}. */
  public long processGid() {
    return mainProcess().gid();
  }

  /**
   * Runs a command in the container as the image's user ({@code docker exec}), waiting up to 60 seconds. A command
   * the engine cannot start (no such file, not executable) gives exit code 126 or 127 with the engine's
   * explanation as output, not an exception.
   *
   * @throws ProcessExitedException when the main process has exited
   */
  public ExecResult exec(String... command) {
    return exec(DEFAULT_EXEC_TIMEOUT, command);
  }

  /** {@link #exec(String...)} with a timeout. */
  public ExecResult exec(Duration timeout, String... command) {
    Objects.requireNonNull(timeout, "timeout");
    if (command == null || command.length == 0) {
      throw new IllegalArgumentException("exec needs a command, e.g. exec(\"/app\", \"--version\")");
    }
    requireOpen();
    return ExecRunner.exec(id, what, timeout, command);
  }

  /** True while the main process runs. */
  public boolean isRunning() {
    return state().running;
  }

  /** The main process' exit code once it has exited; empty while it runs. */
  public OptionalInt exitCode() {
    ContainerState state = state();
    return state.running ? OptionalInt.empty() : OptionalInt.of(state.exitCode);
  }

  /** When the engine started the container. */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(state().startedAt);
  }

  /** True when the engine reports the container {@code healthy}; false for no HEALTHCHECK, too. */
  public boolean isHealthy() {
    return "healthy".equals(state().health);
  }

  /** The engine's health status ({@code starting}, {@code healthy}, {@code unhealthy}); empty without HEALTHCHECK. */
  public Optional<String> healthStatus() {
    return state().health();
  }

  /** The engine's recent health probes (it keeps the last five), oldest first. */
  public List<HealthProbe> healthLog() {
    return state().healthLog;
  }

  /** The container's whole log: standard output and error as the engine stored them. */
  public String logs() {
    requireOpen();
    return LogReader.logs(id, what, 0);
  }

  /** The last {@code n} lines of the log. */
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
