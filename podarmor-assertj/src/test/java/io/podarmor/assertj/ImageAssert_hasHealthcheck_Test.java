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
  /** A type the engine does not know: it logs it and never probes. */
  static final TestImage UNKNOWN_TYPE = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-lower:1").layer(APP)
      .healthcheck("cmd", "/app", "--health");
  static final TestImage NO_COMMAND = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-alone:1").layer(APP)
      .healthcheck("CMD");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, UNDECLARED, DISABLED, CMD, CMD_SHELL, UNKNOWN_TYPE, NO_COMMAND);
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
    return everySource(new Object[] {UNDECLARED, "no HEALTHCHECK"}, new Object[] {DISABLED, "HEALTHCHECK NONE"},
        new Object[] {UNKNOWN_TYPE, "HEALTHCHECK cmd /app --health: the engine runs no probe for a test of type \"cmd\" "
            + "(only CMD and CMD-SHELL)"},
        new Object[] {NO_COMMAND, "HEALTHCHECK CMD with no command: the engine's probe has nothing to run and never "
            + "succeeds"});
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("noHealthchecks")
  void fails_when_the_engine_would_probe_nothing_that_can_succeed(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasHealthcheck())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have a HEALTHCHECK%nbut found:%n  %s",
            name(image), found));
  }
}
