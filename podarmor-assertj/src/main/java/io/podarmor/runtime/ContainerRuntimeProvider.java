package io.podarmor.runtime;

import io.podarmor.image.ContainerImage;
import java.util.ServiceLoader;

/**
 * The service behind {@link RunningContainer#start}: how a container of an image is started in the local engine.
 * PodArmor provides the one implementation, found with {@link ServiceLoader} on the class path and the module path
 * alike; this interface keeps the API free of it. Not meant to be implemented by users.
 */
public interface ContainerRuntimeProvider {
  /** See {@link RunningContainer#start(ContainerImage, RuntimeProfile)}. */
  RunningContainer start(ContainerImage image, RuntimeProfile profile);

  /** See {@link RunningContainer#runId()}. */
  String runId();

  /** The provider PodArmor's jar declares. */
  static ContainerRuntimeProvider get() {
    return LoadedContainerRuntimeProvider.INSTANCE;
  }
}

/** Loads the provider once, on first use. */
final class LoadedContainerRuntimeProvider {
  static final ContainerRuntimeProvider INSTANCE = ServiceLoader.load(ContainerRuntimeProvider.class,
      ContainerRuntimeProvider.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
      "No " + ContainerRuntimeProvider.class.getName() + " found: PodArmor's jar declares one in"
          + " META-INF/services and module-info; is podarmor-assertj on the class or module path in one piece?"));

  private LoadedContainerRuntimeProvider() {}
}
