package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_hasNoAddInstructions_Test {
  static final String ROOTFS = "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b"
      + "56e4 in / ";
  static final TestImage LEGACY_BASE_ONLY = CisImages.image("add-legacy-base", ROOTFS,
      "empty:/bin/sh -c #(nop)  CMD [\"bash\"]", "/bin/sh -c #(nop) COPY file:0a1b in /app ");
  static final TestImage BUILDKIT_BASE_ONLY = CisImages.image("add-buildkit-base",
      "ADD alpine-minirootfs-3.19.0-x86_64.tar.gz / # buildkit", "COPY . /app # buildkit");
  static final TestImage LEGACY_ADD = CisImages.image("add-legacy", ROOTFS,
      "/bin/sh -c #(nop) ADD file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in /opt/ ");
  static final TestImage BUILDKIT_ADD = CisImages.image("add-buildkit", ROOTFS, "empty:ENV A=b",
      "ADD https://example.com/app.tgz /opt/ # buildkit", "ADD a.txt /a.txt # buildkit");
  static final TestImage NO_HISTORY = TestImage.named(SourceImages.PREFIX + "cis-add-no-history:1")
      .layer(Layer.create().file("/app", "x", 0755)).withoutHistory();
  static final TestImage SQUASHED = CisImages.image("add-squashed", ROOTFS)
      .layer(Layer.create().file("/app", "x", 0755));

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, LEGACY_BASE_ONLY, BUILDKIT_BASE_ONLY, LEGACY_ADD, BUILDKIT_ADD, NO_HISTORY,
        SQUASHED);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> baseImageAddsOnly() {
    return everySource(new Object[] {LEGACY_BASE_ONLY}, new Object[] {BUILDKIT_BASE_ONLY});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("baseImageAddsOnly")
  void passes_when_only_the_base_image_rootfs_was_added(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).hasNoAddInstructions();
    // the history is parsed once per image, however many checks or opens read it
    Assertions.assertThat(ImageFacts.of(image).history())
        .isSameAs(ImageFacts.of(images.open(testImage, source)).history());
  }

  static Stream<Arguments> adds() {
    return everySource(
        new Object[] {LEGACY_ADD, "history[1]: ADD file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cad"
            + "da in /opt/"},
        new Object[] {BUILDKIT_ADD, "history[2]: ADD https://example.com/app.tgz /opt/%n"
            + "  history[3]: ADD a.txt /a.txt"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("adds")
  void fails_listing_every_ADD_step_with_its_history_index(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoAddInstructions())
        .withMessage(String.format("%nExpecting image:%n  %s%nto use COPY instead of ADD (CIS 4.9)%nbut found:%n  "
            + found, name(image)));
  }

  static Stream<Arguments> undecidable() {
    return everySource(
        new Object[] {NO_HISTORY, "the image config records no build history (squashed, or built by a tool that"
            + " writes none)"},
        new Object[] {SQUASHED, "the history has 1 layer-creating step for 2 layers: it was rewritten (squashed?),"
            + " so it does not tell what built each layer"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("undecidable")
  void fails_closed_when_the_history_is_missing_or_rewritten(Source source, TestImage testImage, String reason) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoAddInstructions())
        .withMessage(String.format("%nExpecting image:%n  %s%nto use COPY instead of ADD (CIS 4.9)%n"
            + "but could not decide:%n  %s", name(image), reason));
  }
}
