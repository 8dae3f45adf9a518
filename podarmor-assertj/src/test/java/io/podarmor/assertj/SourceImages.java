package io.podarmor.assertj;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Test images written once per test class as an OCI layout and a docker archive and loaded into the engine, then
 * opened from any {@link Source}. {@link #removeFromDocker()} removes the engine's tags again.
 */
final class SourceImages {
  /** Tags of images these tests load into the engine start with this. */
  static final String PREFIX = "podarmor-test-assert/";

  private final Map<TestImage, Path> layouts = new IdentityHashMap<>();
  private final Map<TestImage, Path> archives = new IdentityHashMap<>();
  private final List<TestImage> images;

  private SourceImages(List<TestImage> images) {
    this.images = images;
  }

  /** Writes every image in every form under {@code dir} and loads it into the engine. */
  static SourceImages write(Path dir, TestImage... images) {
    SourceImages written = new SourceImages(List.of(images));
    for (int i = 0; i < images.length; i++) {
      TestImage image = images[i];
      if (!image.reference().startsWith(PREFIX)) {
        throw new IllegalArgumentException("Tag test images " + PREFIX + "…, not " + image.reference());
      }
      written.layouts.put(image, image.writeOciLayout(dir.resolve("layout-" + i)));
      written.archives.put(image, image.writeDockerArchive(dir.resolve("archive-" + i + ".tar")));
      image.loadIntoDocker();
    }
    return written;
  }

  /** The image read from this source. */
  ContainerImage open(TestImage image, Source source) {
    switch (source) {
      case OCI_LAYOUT:
        return ContainerImage.fromOciLayout(require(layouts, image));
      case DOCKER_ARCHIVE:
        return ContainerImage.fromDockerArchive(require(archives, image));
      default:
        require(layouts, image);
        return ContainerImage.fromDaemon(image.reference());
    }
  }

  void removeFromDocker() {
    images.forEach(TestImage::removeFromDocker);
  }

  private static Path require(Map<TestImage, Path> written, TestImage image) {
    Path path = written.get(image);
    if (path == null) {
      throw new IllegalArgumentException(image.reference() + " was not written in @BeforeAll");
    }
    return path;
  }

  /** Every source with every case: {@code (source, case...)}; test images are shown by their reference. */
  static Stream<Arguments> everySource(Object[]... cases) {
    return Stream.of(Source.values())
        .flatMap(source -> Stream.of(cases).map(c -> {
          Object[] args = new Object[c.length + 1];
          args[0] = source;
          for (int i = 0; i < c.length; i++) {
            args[i + 1] = c[i] instanceof TestImage ? Named.of(((TestImage) c[i]).reference(), c[i]) : c[i];
          }
          return Arguments.of(args);
        }));
  }

  /** How a failure names the image: {@code reference@digest}, the digest once when the reference pins it. */
  static String name(ContainerImage image) {
    String pinned = "@" + image.digest();
    return image.reference().endsWith(pinned) ? image.reference() : image.reference() + pinned;
  }

  /** How evidence names a layer of a test image: {@code layer 2 (sha256:0123456789ab)}. */
  static String layer(TestImage image, int position) {
    return "layer " + position + " (" + TestImage.sha256(image.layerTars().get(position - 1)).substring(0, 19) + ")";
  }
}
