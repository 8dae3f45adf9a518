package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_hasHealthcheck_Test {
  static final Layer APP = Layer.create().file("/app", "app", 0755);
  static final TestImage UNDECLARED = TestImage.named(SourceImages.PREFIX + "healthcheck-undeclared:1").layer(APP);
  static final TestImage DISABLED = TestImage.named(SourceImages.PREFIX + "healthcheck-none:1").layer(APP)
      .healthcheck("NONE");
  static final TestImage CMD = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd:1").layer(APP)
      .healthcheck("CMD", "/app", "--health");
  static final TestImage CMD_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-shell:1").layer(APP)
      .healthcheck("CMD-SHELL", "/app --health || exit 1");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, UNDECLARED, DISABLED, CMD, CMD_SHELL);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> healthchecks() {
    return everySource(new Object[] {CMD}, new Object[] {CMD_SHELL});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("healthchecks")
  void passes_when_the_image_declares_a_healthcheck(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).hasHealthcheck();
  }

  static Stream<Arguments> noHealthchecks() {
    return everySource(new Object[] {UNDECLARED, "no HEALTHCHECK"}, new Object[] {DISABLED, "HEALTHCHECK NONE"});
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("noHealthchecks")
  void fails_when_there_is_none_or_it_is_NONE(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasHealthcheck())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have a HEALTHCHECK%nbut found:%n  %s",
            name(image), found));
  }
}
