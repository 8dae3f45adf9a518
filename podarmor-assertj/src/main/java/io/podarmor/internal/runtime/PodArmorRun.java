package io.podarmor.internal.runtime;

import java.util.UUID;

/** The identity of this JVM's test run, carried as a label by every container it starts. */
public final class PodArmorRun {
  /** Label: the run that started the container. */
  public static final String RUN_LABEL = "io.podarmor.run";
  /** Label: the image reference the container runs. */
  public static final String IMAGE_LABEL = "io.podarmor.image";
  /** Label: the engine image ID the container runs. */
  public static final String IMAGE_ID_LABEL = "io.podarmor.image.id";
  /** Label: the runtime profile's name. */
  public static final String PROFILE_LABEL = "io.podarmor.profile";

  private static final String ID = UUID.randomUUID().toString();

  private PodArmorRun() {}

  /** This JVM's run id, a random UUID. */
  public static String id() {
    return ID;
  }
}
