package io.podarmor.image;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The service behind {@link ContainerImage}'s factories: how a reference, an archive or a layout becomes an image.
 * PodArmor provides the one implementation, found with {@link ServiceLoader} on the class path and the module path
 * alike; this interface keeps the API free of it. Not meant to be implemented by users.
 */
public interface ImageSourceProvider {
  /** See {@link ContainerImage#of(String)}. */
  ContainerImage of(String reference);

  /** See {@link ContainerImage#fromDaemon(String)}. */
  ContainerImage fromDaemon(String reference);

  /** See {@link ContainerImage#fromRegistry(String)}. */
  ContainerImage fromRegistry(String reference);

  /** See {@link ContainerImage#fromDockerArchive(Path)}. */
  ContainerImage fromDockerArchive(Path tar);

  /** See {@link ContainerImage#fromOciLayout(Path)}. */
  ContainerImage fromOciLayout(Path dir);

  /** See {@link ContainerImage#fromOciLayout(Path, Platform)}. */
  ContainerImage fromOciLayout(Path dir, Platform platform);

  /** The provider PodArmor's jar declares. */
  static ImageSourceProvider get() {
    return LoadedImageSourceProvider.INSTANCE;
  }
}

/** Loads the provider once, on first use. */
final class LoadedImageSourceProvider {
  static final ImageSourceProvider INSTANCE = ServiceLoader.load(ImageSourceProvider.class,
      ImageSourceProvider.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
      "No " + ImageSourceProvider.class.getName() + " found: PodArmor's jar declares one in"
          + " META-INF/services and module-info; is podarmor-assertj on the class or module path in one piece?"));

  private LoadedImageSourceProvider() {}
}
