package io.podarmor.internal.source;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.MergedFilesystem;
import io.podarmor.internal.history.BuildHistory;
import io.podarmor.internal.packages.PackageDatabases;
import io.podarmor.internal.fs.ScanFinding;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the checks read of one image, each part computed once: its config, its merged filesystem, its build history,
 * its installed packages, the secrets found in its layers while they were indexed, and where it came from. Reading
 * the config or anything else reads the whole image first, so an image that cannot be read never passes a check that
 * needs only its config.
 *
 * <p>An image PodArmor read carries its facts; a {@code ContainerImage} of another implementation (a wrapper, a test
 * double) gets facts built from what its interface gives: its {@link Origin} is {@link Origin.Foreign}, so checks that
 * need a source (signatures, SBOM referrers) say so, and checks that need PodArmor's own index (secrets found while
 * indexing) say what is missing when its filesystem is not PodArmor's.
 *
 * <pre>{@code
 * ImageFacts facts = ImageFacts.of(image);
 * facts.history().steps();
 * }</pre>
 */
public final class ImageFacts {
  private final ContainerImage image;
  private final Origin origin;
  private final Supplier<BuildHistory> history;
  private final Supplier<PackageDatabases.Inventory> packages;

  ImageFacts(ContainerImage image, Origin origin) {
    this.image = image;
    this.origin = origin;
    this.history = Caches.memoize(() -> Caches.HISTORIES.get(image.id(), () -> BuildHistory.of(config())));
    this.packages = Caches.memoize(() -> {
      ImageFilesystem fs = filesystem(); // verified first: the packages are those of the layers verified
      return Caches.PACKAGES.get(config().layerDiffIds(), () -> PackageDatabases.read(fs));
    });
  }

  /** The facts of an image: its own when PodArmor read it, else built from its interface. */
  public static ImageFacts of(ContainerImage image) {
    if (image instanceof LoadedImage loaded) {
      return loaded.facts();
    }
    return new ImageFacts(image, new Origin.Foreign(image.getClass().getName()));
  }

  public ContainerImage image() {
    return image;
  }

  /** {@code reference@digest}, as failures name the image. */
  public String name() {
    String reference = image.reference();
    return reference.endsWith("@" + image.digest()) ? reference : reference + "@" + image.digest();
  }

  /** Where the image came from. */
  public Origin origin() {
    return origin;
  }

  /** The config, after the whole image was read. */
  public ImageConfig config() {
    filesystem();
    return image.config();
  }

  /**
   * The merged filesystem, read after the config.
   *
   * @throws ImageException when the image cannot be read
   */
  public ImageFilesystem filesystem() {
    image.config();
    return image.filesystem();
  }

  /** The build history, parsed once per config. */
  public BuildHistory history() {
    return history.get();
  }

  /**
   * The package databases and what they hold, read once per list of layers.
   *
   * @throws ImageException naming the database's path and line or entry, without the image's name
   */
  public PackageDatabases.Inventory packages() {
    return packages.get();
  }

  /**
   * The secrets found in every layer's files while the layers were indexed, or empty when the filesystem is not
   * PodArmor's index (so no file was scanned).
   */
  public Optional<List<ScanFinding>> layerSecrets() {
    ImageFilesystem fs = filesystem();
    return fs instanceof MergedFilesystem merged ? Optional.of(merged.findings()) : Optional.empty();
  }

  /**
   * What {@code compute} derives from this image and what its source keeps beside it (SBOMs, attestations): once per
   * JVM for this digest from this origin, shared by every test. A result {@code keep} refuses is not kept, so the next
   * caller looks again (an artifact attached later in the run is then found).
   */
  @SuppressWarnings("unchecked")
  public <T> T fromSource(String kind, Supplier<T> compute, Predicate<T> keep) {
    if (origin instanceof Origin.Foreign) {
      return compute.get();
    }
    return (T) Caches.DISCOVERIES.get(new Caches.SourceKey(kind, origin, image.digest(), image.id()),
        () -> compute.get(), v -> keep.test((T) v));
  }

  @Override
  public String toString() {
    return "facts of " + name();
  }
}
