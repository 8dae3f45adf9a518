package io.podarmor.internal.archfixture.tc;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;

/** Breaks the Testcontainers rule: it asks Testcontainers' factory, which searches for an engine its own way. */
public final class StartsTestcontainers {
  private StartsTestcontainers() {}

  /** The factory's client. */
  public static DockerClient client() {
    return DockerClientFactory.instance().client();
  }
}
