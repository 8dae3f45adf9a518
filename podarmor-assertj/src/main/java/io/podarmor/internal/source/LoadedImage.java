package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.InstalledPackage;
import io.podarmor.image.Platform;
import io.podarmor.internal.registry.RegistryOrigin;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The one {@link ContainerImage} implementation: identity eagerly, config and filesystem through memoizing suppliers. */
final class LoadedImage implements ContainerImage {
  private final String reference;
  private final String digest;
  private final String id;
  private final Platform platform;
  private final List<Platform> platforms;
  private final Supplier<ImageConfig> config;
  private final Supplier<ImageFilesystem> filesystem;
  private final Function<Platform, ContainerImage> otherPlatform;
  private final RegistryOrigin registryOrigin;
  private volatile LayoutOrigin layoutOrigin;
  private volatile boolean fromDaemon;

  LoadedImage(String reference, String digest, String id, Platform platform, List<Platform> platforms,
      Supplier<ImageConfig> config, Supplier<ImageFilesystem> filesystem,
      Function<Platform, ContainerImage> otherPlatform) {
    this(reference, digest, id, platform, platforms, config, filesystem, otherPlatform, null);
  }

  /** @param registryOrigin where a registry image came from, or {@code null} for other sources */
  LoadedImage(String reference, String digest, String id, Platform platform, List<Platform> platforms,
      Supplier<ImageConfig> config, Supplier<ImageFilesystem> filesystem,
      Function<Platform, ContainerImage> otherPlatform, RegistryOrigin registryOrigin) {
    this.reference = reference;
    this.digest = digest;
    this.id = id;
    this.platform = platform;
    this.platforms = List.copyOf(platforms);
    this.config = config;
    this.filesystem = filesystem;
    this.otherPlatform = otherPlatform;
    this.registryOrigin = registryOrigin;
  }

  /** Records the layout an image was read from (set once, by the layout source). */
  LoadedImage withLayoutOrigin(LayoutOrigin origin) {
    this.layoutOrigin = origin;
    return this;
  }

  /** Marks an image read from the local Docker engine. */
  LoadedImage markFromDaemon() {
    this.fromDaemon = true;
    return this;
  }

  boolean isFromDaemon() {
    return fromDaemon;
  }

  /** The layout origin of an image read from an OCI layout; empty for other sources. */
  Optional<LayoutOrigin> layoutOrigin() {
    return Optional.ofNullable(layoutOrigin);
  }

  /** The registry origin of an image read from a registry; empty for the engine, archives and layouts. */
  Optional<RegistryOrigin> registryOrigin() {
    return Optional.ofNullable(registryOrigin);
  }

  @Override
  public String reference() {
    return reference;
  }

  @Override
  public String digest() {
    return digest;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public List<Platform> platforms() {
    return platforms;
  }

  @Override
  public ContainerImage forPlatform(Platform wanted) {
    if (wanted.matches(platform)) {
      return this;
    }
    return otherPlatform.apply(wanted);
  }

  @Override
  public ImageConfig config() {
    return config.get();
  }

  @Override
  public ImageFilesystem filesystem() {
    return filesystem.get();
  }

  /** The packages, read once per image ID ({@link ImageSources#packageInventory}); errors name this image. */
  @Override
  public List<InstalledPackage> packages() {
    filesystem(); // its errors already name the image
    try {
      return ImageSources.packageInventory(this).packages();
    } catch (ImageException e) {
      throw new ImageException(reference + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedImage && ((LoadedImage) o).id.equals(id)
        && ((LoadedImage) o).reference.equals(reference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, reference);
  }

  @Override
  public String toString() {
    return reference + "@" + digest;
  }
}
