package io.podarmor.internal.runtime;

import io.podarmor.runtime.RunningContainer;
import java.util.UUID;

/** The identity of this JVM's test run, carried as a label by every container it starts. */
public final class PodArmorRun {
  /** Label: the run that started the container. */
  public static final String RUN_LABEL = RunningContainer.RUN_LABEL;
  /** Label: the image reference the container runs. */
  public static final String IMAGE_LABEL = RunningContainer.IMAGE_LABEL;
  /** Label: the engine image ID the container runs. */
  public static final String IMAGE_ID_LABEL = "io.podarmor.image.id";
  /** Label: the runtime profile's name. */
  public static final String PROFILE_LABEL = RunningContainer.PROFILE_LABEL;

  private static final String ID = UUID.randomUUID().toString();

  private PodArmorRun() {}

  /** This JVM's run id, a random UUID. */
  public static String id() {
    return ID;
  }
}
