package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.assertj.MultiArchImages.IndexSource;
import io.podarmor.image.ContainerImage;
import io.podarmor.image.Platform;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_onEveryPlatform_Test {
  @TempDir static Path tmp;
  static MultiArchImages multiArch;

  @BeforeAll
  static void writeImages() {
    multiArch = MultiArchImages.write(tmp);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IndexSource.class)
  void passes_when_every_platform_satisfies_the_assertions_and_records_each_platform(IndexSource source) {
    // GIVEN
    ContainerImage image = multiArch.open(source);
    List<Verdict> records = new CopyOnWriteArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(image).onEveryPlatform(platformImage -> platformImage.hasNoSuidFiles().hasFile("/app"));
    } finally {
      registration.close();
    }
    // THEN
    org.assertj.core.api.Assertions.assertThat(records).extracting(Verdict::digest, Verdict::assertion, Verdict::outcome)
        .containsExactly(
            Tuple.tuple(digest(image, "linux/amd64"), "hasNoSuidFiles()", Outcome.PASSED),
            Tuple.tuple(digest(image, "linux/amd64"), "hasFile(/app)", Outcome.PASSED),
            Tuple.tuple(digest(image, "linux/arm64"), "hasNoSuidFiles()", Outcome.PASSED),
            Tuple.tuple(digest(image, "linux/arm64"), "hasFile(/app)", Outcome.PASSED),
            Tuple.tuple(digest(image, "linux/s390x"), "hasNoSuidFiles()", Outcome.PASSED),
            Tuple.tuple(digest(image, "linux/s390x"), "hasFile(/app)", Outcome.PASSED));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IndexSource.class)
  void fails_once_naming_every_failing_platform_with_its_failure(IndexSource source) {
    // GIVEN
    ContainerImage image = multiArch.open(source);
    ContainerImage arm64 = image.forPlatform(Platform.parse("linux/arm64"));
    ContainerImage s390x = image.forPlatform(Platform.parse("linux/s390x"));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image)
            .onEveryPlatform(platformImage -> platformImage.hasNoShell().runsAsNonRoot()))
        .withMessage(String.format("%nExpecting image:%n  %s%n"
            + "to satisfy the given assertions on every platform (linux/amd64, linux/arm64, linux/s390x)%n"
            + "but found:%n"
            + "  on linux/arm64:%n"
            + "    Expecting image:%n"
            + "      %s%n"
            + "    to have no shell%n"
            + "    but found:%n"
            + "      /bin/sh (by name)%n"
            + "  on linux/s390x:%n"
            + "    Expecting image:%n"
            + "      %s%n"
            + "    to run as a non-root user%n"
            + "    but found:%n"
            + "      User not set: uid 0 (root), gid 0 (no /etc/passwd)",
            name(image), name(arm64), name(s390x)));
  }

  @Test
  void a_single_platform_image_runs_the_assertions_once_on_itself() {
    // GIVEN
    ContainerImage image = ContainerImage.fromOciLayout(TestImage.named("report/single:1")
        .layer(Layer.create().file("/bin/sh", "#!shell", 0755)).writeOciLayout(tmp.resolve("single")));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).onEveryPlatform(ImageAssert::hasNoShell))
        .withMessage(String.format("%nExpecting image:%n  %s%n"
            + "to satisfy the given assertions on every platform (linux/amd64)%n"
            + "but found:%n"
            + "  on linux/amd64:%n"
            + "    Expecting image:%n"
            + "      %s%n"
            + "    to have no shell%n"
            + "    but found:%n"
            + "      /bin/sh (by name)",
            name(image), name(image)));
  }

  @Test
  void soft_assertions_collect_the_platform_failures() {
    ContainerImage image = multiArch.open(IndexSource.OCI_LAYOUT);
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    softly.assertThat(image).onEveryPlatform(ImageAssert::runsAsNonRoot).hasFile("/nope");
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(2);
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected().get(0)).hasMessageContaining("on linux/s390x:");
  }

  private static String digest(ContainerImage image, String platform) {
    return image.forPlatform(Platform.parse(platform)).digest();
  }
}
