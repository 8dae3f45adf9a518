package io.podarmor.internal.docker;

import com.github.dockerjava.api.DockerClient;
import io.podarmor.image.ImageException;
import org.testcontainers.DockerClientFactory;

/** The Docker engine client, found the way Testcontainers finds it (DOCKER_HOST, the socket, ~/.testcontainers). */
public final class Docker {
  private Docker() {}

  /** The shared client; fails with a clear error when no engine answers. */
  public static DockerClient client() {
    try {
      return DockerClientFactory.instance().client();
    } catch (RuntimeException | LinkageError e) {
      throw new ImageException("No Docker engine is reachable (" + e.getMessage() + "); start one, or set DOCKER_HOST",
          e);
    }
  }

  /** Where the engine is, for messages. */
  public static String host() {
    try {
      return DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
    } catch (RuntimeException e) {
      return "unknown host";
    }
  }
}
