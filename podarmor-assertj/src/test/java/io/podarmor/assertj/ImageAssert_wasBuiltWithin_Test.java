package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_wasBuiltWithin_Test {
  static final String CREATED = "2026-11-01T00:00:00Z";
  static final TestImage DATED = CisImages.image("dated", "COPY app /app # buildkit");
  static final TestImage UNDATED = CisImages.image("undated", "COPY app /app # buildkit").created(null);
  static final TestImage EPOCH = CisImages.image("epoch", "COPY app /app # buildkit")
      .created("1970-01-01T00:00:00Z");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, DATED, UNDATED, EPOCH);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> dated() {
    return everySource(new Object[] {DATED});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("dated")
  void passes_when_created_within_the_age_and_fails_with_the_age_when_older(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).wasBuiltWithin(Duration.ofDays(3650));
    long days = Duration.between(Instant.parse(CREATED), Instant.now()).toDays();
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).wasBuiltWithin(Duration.ofHours(1)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have been built within 1 hour (CIS 4.4)%n"
            + "but found:%n  created %s, %d days ago", name(image), CREATED, days));
  }

  static Stream<Arguments> undated() {
    return everySource(
        new Object[] {UNDATED, "the config records no creation time"},
        new Object[] {EPOCH, "the config's creation time is 1970-01-01T00:00:00Z, a fixed epoch (a reproducible"
            + " build?), not when the image was built"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("undated")
  void fails_closed_without_a_real_creation_time(Source source, TestImage testImage, String reason) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).wasBuiltWithin(Duration.ofDays(90)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have been built within 90 days (CIS 4.4)%n"
            + "but could not decide:%n  %s", name(image), reason));
  }

  @org.junit.jupiter.api.Test
  void rejects_a_non_positive_age() {
    ContainerImage image = images.open(DATED, Source.OCI_LAYOUT);
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(image).wasBuiltWithin(Duration.ZERO))
        .withMessage("wasBuiltWithin expects a positive duration, but got PT0S");
  }
}
