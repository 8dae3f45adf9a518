package io.podarmor.assertj;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.ImageLayouts;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestIndex;
import io.podarmor.testing.TestRegistry;
import java.nio.file.Path;

/**
 * A three-platform image (no emulation: layers and configs naming the platform), as an OCI layout with a BuildKit
 * attestation manifest and as an index with attestations pushed to the local registry: linux/amd64 is distroless
 * and non-root; linux/arm64 has {@code /bin/sh}; linux/s390x runs as root.
 */
final class MultiArchImages {
  /** Where multi-arch images are opened from. */
  enum IndexSource {
    OCI_LAYOUT,
    REGISTRY
  }

  static final TestImage AMD64 = image("amd64", "65532", Layer.create().file("/app", "amd64", 0755));
  static final TestImage ARM64 = image("arm64", "65532",
      Layer.create().file("/app", "arm64", 0755).file("/bin/sh", "#!shell", 0755));
  static final TestImage S390X = image("s390x", null, Layer.create().file("/app", "s390x", 0755));

  private final Path layout;
  private final String registryRef;

  private MultiArchImages(Path layout, String registryRef) {
    this.layout = layout;
    this.registryRef = registryRef;
  }

  private static TestImage image(String arch, String user, Layer layer) {
    TestImage image = TestImage.named("report/multi-arch:1").platform("linux", arch).layer(layer);
    return user == null ? image : image.user(user);
  }

  static MultiArchImages write(Path dir) {
    Path layout = ImageLayouts.writeMultiPlatformLayout(dir.resolve("multi-arch"), AMD64, ARM64, S390X);
    TestRegistry registry = TestRegistry.local();
    TestIndex.create().image(AMD64, TestImage.Compression.GZIP).image(ARM64, TestImage.Compression.GZIP)
        .image(S390X, TestImage.Compression.ZSTD).attestations()
        .pushTo(registry, "report/multi-arch", "1");
    return new MultiArchImages(layout, registry.host() + "/report/multi-arch:1");
  }

  /** The host's (linux/amd64) image of the index. */
  ContainerImage open(IndexSource source) {
    return source == IndexSource.OCI_LAYOUT ? ContainerImage.fromOciLayout(layout)
        : ContainerImage.fromRegistry(registryRef);
  }
}
