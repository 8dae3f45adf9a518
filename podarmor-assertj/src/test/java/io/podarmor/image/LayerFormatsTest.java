package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.ImageLayouts;
import io.podarmor.testing.ImageLayouts.MediaTypeStyle;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestImage.Compression;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Layers uncompressed, gzip and zstd, under OCI and Docker media types, all give the same filesystem. */
class LayerFormatsTest {
  @TempDir Path tmp;

  /** The label makes each variant a distinct image ID, so none is served from the JVM-wide index cache. */
  private static TestImage image(String variant) {
    return TestImage.named("podarmor-test-foundation/formats:1").label("test", variant)
        .layer(Layer.create().dir("/usr/bin", 0755).file("/usr/bin/passwd", "passwd", 04755)
            .symlink("/bin", "usr/bin").file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644))
        .layer(Layer.create().file("/usr/bin/passwd", "passwd", 0755).whiteout("/etc/passwd"))
        .layer(Layer.create().owner(65532, 65532).dir("/home/app", 0700).file("/home/app/run", "run", 0755));
  }

  private static final List<String> EXPECTED = List.of(
      "drwxr-xr-x 0:0 /",
      "lrwxrwxrwx 0:0 /bin -> usr/bin",
      "drwxr-xr-x 0:0 /etc",
      "drwxr-xr-x 0:0 /home",
      "drwx------ 65532:65532 /home/app",
      "-rwxr-xr-x 65532:65532 /home/app/run",
      "drwxr-xr-x 0:0 /usr",
      "drwxr-xr-x 0:0 /usr/bin",
      "-rwxr-xr-x 0:0 /usr/bin/passwd");

  @ParameterizedTest
  @EnumSource(Compression.class)
  void ociMediaTypes(Compression compression) {
    assertReadsTheSame(MediaTypeStyle.OCI, compression);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void dockerMediaTypes(Compression compression) {
    assertReadsTheSame(MediaTypeStyle.DOCKER, compression);
  }

  @Test
  void eachLayerMayUseAnotherCompression() {
    assertReadsTheSame(MediaTypeStyle.OCI, Compression.ZSTD, Compression.NONE, Compression.GZIP);
  }

  private void assertReadsTheSame(MediaTypeStyle style, Compression... compressions) {
    TestImage image = image(style + " " + List.of(compressions));
    Path layout = ImageLayouts.writeOciLayout(tmp.resolve("layout"), image, style, compressions);
    ContainerImage read = ContainerImage.fromOciLayout(layout);

    assertThat(read.filesystem().entries()).map(FileEntry::toString).containsExactlyElementsOf(EXPECTED);
    assertThat(read.id()).isEqualTo(image.id());
    assertThat(read.digest()).isEqualTo(ImageLayouts.manifestDigests(layout).get(0));
    assertThat(read.filesystem().get("/home/app/run")).get().extracting(FileEntry::layerIndex, FileEntry::layerDigest)
        .containsExactly(3, TestImage.sha256(image.layerTars().get(2)));
  }
}
