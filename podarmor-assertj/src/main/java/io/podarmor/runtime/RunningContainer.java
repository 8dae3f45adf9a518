package io.podarmor.runtime;

import io.podarmor.image.ContainerImage;
import java.time.Duration;
import java.time.Instant;
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
public interface RunningContainer extends AutoCloseable {
  /** The label holding the id of the run (JVM) that started the container. */
  String RUN_LABEL = "io.podarmor.run";
  /** The label holding the reference of the image under test. */
  String IMAGE_LABEL = "io.podarmor.image";
  /** The label holding the name of the runtime profile. */
  String PROFILE_LABEL = "io.podarmor.profile";

  /**
   * Creates and starts a container of the image under the profile. A main process that exits at once does not make
   * this fail; {@link #isRunning()} and {@link #exitCode()} tell.
   *
   * @throws ContainerException when the engine does not have the image or refuses to create or start the container
   */
  static RunningContainer start(ContainerImage image, RuntimeProfile profile) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(profile, "profile");
    return ContainerRuntimeProvider.get().start(image, profile);
  }

  /** {@link #start(ContainerImage, RuntimeProfile)} with {@link RuntimeProfile#DEFAULT}. */
  static RunningContainer start(ContainerImage image) {
    return start(image, RuntimeProfile.DEFAULT);
  }

  /** This JVM's run id, the value of {@value #RUN_LABEL} on every container it starts. */
  static String runId() {
    return ContainerRuntimeProvider.get().runId();
  }

  /** The image this container runs. */
  ContainerImage image();

  /** The profile it was started under. */
  RuntimeProfile profile();

  /** The engine's container id. */
  String id();

  /** The container name, e.g. {@code acme-api-1.4.2-podarmor-3f2a1b9c}. */
  String name();

  /**
   * The main process (PID 1 in the container) as the engine's process list shows it.
   *
   * @throws ProcessExitedException when the main process has exited
   * @throws ContainerException when the engine cannot list the container's processes
   */
  ProcessInfo mainProcess();

  /** The effective uid of the main process, read from outside; see {@link #mainProcess()}. */
  long processUid();

  /** The effective gid of the main process, read from outside; see {@link #mainProcess()}. */
  long processGid();

  /**
   * Runs a command in the container as the image's user ({@code docker exec}), waiting up to 60 seconds. A command
   * the engine cannot start (no such file, not executable) gives exit code 126 or 127 with the engine's
   * explanation as output, not an exception.
   *
   * @throws ProcessExitedException when the main process has exited
   */
  ExecResult exec(String... command);

  /** {@link #exec(String...)} with a timeout. */
  ExecResult exec(Duration timeout, String... command);

  /** True while the main process runs. */
  boolean isRunning();

  /** The main process' exit code once it has exited; empty while it runs. */
  OptionalInt exitCode();

  /** When the engine started the container. */
  Optional<Instant> startedAt();

  /** True when the engine reports the container {@code healthy}; false for no HEALTHCHECK, too. */
  boolean isHealthy();

  /** The engine's health status ({@code starting}, {@code healthy}, {@code unhealthy}); empty without HEALTHCHECK. */
  Optional<String> healthStatus();

  /** The engine's recent health probes (it keeps the last five), oldest first. */
  List<HealthProbe> healthLog();

  /** The container's whole log: standard output and error as the engine stored them. */
  String logs();

  /** The last {@code n} lines of the log. */
  List<String> lastLogLines(int n);

  /** Removes the container (force, with its anonymous volumes); idempotent. */
  @Override
  void close();
}
