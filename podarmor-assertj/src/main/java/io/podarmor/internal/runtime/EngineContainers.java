package io.podarmor.internal.runtime;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.ContainerRuntimeProvider;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;

/** Starts containers in the local Docker engine: the {@link ContainerRuntimeProvider} PodArmor declares. */
public final class EngineContainers implements ContainerRuntimeProvider {
  /** Called by the service loader. */
  public EngineContainers() {}

  @Override
  public RunningContainer start(ContainerImage image, RuntimeProfile profile) {
    return new EngineContainer(image, profile, ContainerLauncher.launch(image, profile));
  }

  @Override
  public String runId() {
    return PodArmorRun.id();
  }
}
