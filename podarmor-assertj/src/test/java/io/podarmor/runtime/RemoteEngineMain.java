package io.podarmor.runtime;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.internal.docker.Docker;

/**
 * Run in a child JVM by {@link RemoteEngineTest}, with the engine named only by {@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}: the static checks of an engine image (read through
 * {@code docker save} over that connection) and the runtime checks of its container. Prints the engine it used and
 * {@code ok}, or the failure; exits 0 only when every check passed.
 */
public final class RemoteEngineMain {
  private RemoteEngineMain() {}

  public static void main(String[] args) {
    try {
      ContainerImage image = ContainerImage.fromDaemon(args[0]);
      assertThat(image).runsAsUid(65532).hasNoShell().hasNoSuidFiles();
      try (RunningContainer container = RunningContainer.start(image)) {
        assertThat(container).runsAsUid(65532).cannotExecShell();
      }
      System.out.println("engine " + Docker.host());
      System.out.println("ok");
      System.exit(0);
    } catch (ImageException | AssertionError e) {
      System.out.println("failed: " + e.getMessage());
      System.exit(3);
    }
  }
}
