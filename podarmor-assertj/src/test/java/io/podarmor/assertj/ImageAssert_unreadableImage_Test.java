package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.testing.Elfs;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An image that cannot be read: every assertion lets its {@link ImageException} through; none passes. */
class ImageAssert_unreadableImage_Test {
  static final TestImage IMAGE = TestImage.named(SourceImages.PREFIX + "unreadable:1")
      .user("65532:65532")
      .healthcheck("CMD", "/app")
      .label("case", "a layer blob that does not match its digest")
      .layer(Layer.create().file("/app", Elfs.exit0(), 0755));

  @TempDir static Path tmp;
  static Path layout;

  @BeforeAll
  static void writeCorruptLayout() throws IOException {
    layout = IMAGE.writeOciLayout(tmp.resolve("layout"));
    String layerDigest = TestImage.sha256(TestImage.compress(IMAGE.layerTars().get(0), TestImage.Compression.GZIP));
    Path blob = layout.resolve("blobs/sha256").resolve(TestImage.hex(layerDigest));
    byte[] corrupt = Files.readAllBytes(blob);
    corrupt[corrupt.length / 2] ^= 0x5a; // same size, other content: only reading the layer can tell
    Files.write(blob, corrupt);
  }

  static Stream<Named<Consumer<ImageAssert>>> assertions() {
    return Stream.of(
        Named.of("runsAsUid", a -> a.runsAsUid(65532)),
        Named.of("runsAsGid", a -> a.runsAsGid(65532)),
        Named.of("runsAsNonRoot", ImageAssert::runsAsNonRoot),
        Named.of("hasNoSuidFiles", ImageAssert::hasNoSuidFiles),
        Named.of("hasNoSuidFilesExcept", a -> a.hasNoSuidFilesExcept("/app")),
        Named.of("hasNoShell", ImageAssert::hasNoShell),
        Named.of("hasNoPackageManager", ImageAssert::hasNoPackageManager),
        Named.of("hasHealthcheck", ImageAssert::hasHealthcheck),
        Named.of("hasFile", a -> a.hasFile("/app")),
        Named.of("doesNotHaveFile", a -> a.doesNotHaveFile("/bin/sh")),
        Named.of("hasLabel", a -> a.hasLabel("case", "a layer blob that does not match its digest")),
        Named.of("supportsPlatforms", a -> a.supportsPlatforms("linux/amd64")),
        Named.of("onEveryPlatform", a -> a.onEveryPlatform(ImageAssert::hasNoShell)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("assertions")
  void lets_the_image_exception_through(Consumer<ImageAssert> assertion) {
    // GIVEN
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN / THEN
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> assertion.accept(assertThat(image)))
        .withMessageContaining(layout.toString());
  }

  @Test
  void soft_assertions_do_not_collect_it() {
    // GIVEN
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    // WHEN / THEN
    assertThatExceptionOfType(ImageException.class)
        .isThrownBy(() -> softly.assertThat(image).hasLabel("case", "a layer blob that does not match its digest"));
    assertThat(softly.errorsCollected()).isEmpty();
  }

  @Test
  void the_check_that_could_not_read_it_reaches_the_listeners_with_the_reason() {
    // GIVEN
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    java.util.List<io.podarmor.verdict.Verdict> heard = new java.util.ArrayList<>();
    // WHEN
    try (io.podarmor.verdict.Verdicts.Registration r = io.podarmor.verdict.Verdicts.register(heard::add)) {
      assertThatExceptionOfType(ImageException.class).isThrownBy(() -> assertThat(image).hasNoSuidFiles());
    }
    // THEN
    org.assertj.core.api.Assertions.assertThat(heard).singleElement().satisfies(v -> {
      org.assertj.core.api.Assertions.assertThat(v.outcome()).isEqualTo(io.podarmor.verdict.Outcome.CANNOT_DECIDE);
      org.assertj.core.api.Assertions.assertThat(v.evidence()).singleElement().asString().contains("Digest mismatch");
    });
  }
}
