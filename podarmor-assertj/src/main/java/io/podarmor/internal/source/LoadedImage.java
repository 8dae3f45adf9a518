package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.InstalledPackage;
import io.podarmor.image.Platform;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link ContainerImage} PodArmor's sources make: identity eagerly, config and filesystem through memoizing
 * suppliers, and the {@link ImageFacts} checks read, with the {@link Origin} it was read from.
 */
final class LoadedImage implements ContainerImage {
  private final String reference;
  private final String digest;
  private final String id;
  private final Platform platform;
  private final List<Platform> platforms;
  private final Supplier<ImageConfig> config;
  private final Supplier<ImageFilesystem> filesystem;
  private final Function<Platform, ContainerImage> otherPlatform;
  private final ImageFacts facts;

  LoadedImage(String reference, String digest, String id, Platform platform, List<Platform> platforms,
      Supplier<ImageConfig> config, Supplier<ImageFilesystem> filesystem,
      Function<Platform, ContainerImage> otherPlatform, Origin origin) {
    this.reference = reference;
    this.digest = digest;
    this.id = id;
    this.platform = platform;
    this.platforms = List.copyOf(platforms);
    this.config = config;
    this.filesystem = Caches.memoize(() -> ReadProgress.timed(this, origin, filesystem));
    this.otherPlatform = otherPlatform;
    this.facts = new ImageFacts(this, Objects.requireNonNull(origin, "origin"));
  }

  ImageFacts facts() {
    return facts;
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

  /** The packages, read once per list of layers; errors name this image. */
  @Override
  public List<InstalledPackage> packages() {
    filesystem(); // its errors already name the image
    try {
      return facts.packages().packages();
    } catch (ImageException e) {
      throw new ImageException(reference + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedImage other && other.id.equals(id) && other.reference.equals(reference);
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
