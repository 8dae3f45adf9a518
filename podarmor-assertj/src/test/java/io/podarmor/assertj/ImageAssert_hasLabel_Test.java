package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasLabel_Test {
  static final TestImage LABELED = TestImage.named(SourceImages.PREFIX + "labels:1")
      .layer(Layer.create().file("/app", "app", 0755))
      .label("org.opencontainers.image.vendor", "Acme")
      .label("org.opencontainers.image.description", "100% hardened")
      .label("empty", "");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, LABELED);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_the_label_has_the_value(Source source) {
    // GIVEN
    ContainerImage image = images.open(LABELED, source);
    // WHEN / THEN
    assertThat(image)
        .hasLabel("org.opencontainers.image.vendor", "Acme")
        .hasLabel("org.opencontainers.image.description", "100% hardened")
        .hasLabel("empty", "");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_when_the_label_has_another_value(Source source) {
    // GIVEN
    ContainerImage image = images.open(LABELED, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasLabel("org.opencontainers.image.description", "50% hardened"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have label:%n"
            + "  org.opencontainers.image.description=\"50%% hardened\"%nbut found:%n"
            + "  org.opencontainers.image.description=\"100%% hardened\"", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_when_the_label_is_missing(Source source) {
    // GIVEN
    ContainerImage image = images.open(LABELED, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasLabel("org.opencontainers.image.source", "https://git.acme/api"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have label:%n"
            + "  org.opencontainers.image.source=\"https://git.acme/api\"%nbut found:%n"
            + "  no label org.opencontainers.image.source", name(image)));
  }
}
