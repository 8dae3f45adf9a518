package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.assertj.MultiArchImages.IndexSource;
import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_supportsPlatforms_Test {
  static final TestImage SINGLE = TestImage.named(SourceImages.PREFIX + "report-single-platform:1")
      .layer(Layer.create().file("/app", "app", 0755));

  @TempDir static Path tmp;
  static SourceImages images;
  static MultiArchImages multiArch;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, SINGLE);
    multiArch = MultiArchImages.write(tmp);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IndexSource.class)
  void passes_when_the_index_offers_every_platform_and_records_them_for_the_report(IndexSource source) {
    // GIVEN
    ContainerImage image = multiArch.open(source);
    List<Verdict> records = new CopyOnWriteArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(image).supportsPlatforms("linux/amd64", "linux/arm64")
          .supportsPlatforms("linux/s390x", "linux/arm64/v8", "linux/amd64");
    } finally {
      registration.close();
    }
    // THEN
    org.assertj.core.api.Assertions.assertThat(records).extracting(Verdict::property, Verdict::outcome, Verdict::evidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Property.MULTI_ARCH, Outcome.PASSED,
                List.of("linux/amd64, linux/arm64")),
            org.assertj.core.groups.Tuple.tuple(Property.MULTI_ARCH, Outcome.PASSED,
                List.of("linux/s390x, linux/arm64, linux/amd64")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IndexSource.class)
  void fails_listing_the_missing_platforms_and_what_the_index_has(IndexSource source) {
    // GIVEN
    ContainerImage image = multiArch.open(source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).supportsPlatforms("linux/amd64", "linux/arm/v7", "windows/amd64"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto support the platforms linux/amd64, linux/arm/v7,"
            + " windows/amd64%nbut found:%n  no image for linux/arm/v7, windows/amd64%n"
            + "  the index has: linux/amd64, linux/arm64, linux/s390x", name(image)));
  }

  static Stream<Arguments> singlePlatform() {
    return everySource(new Object[] {SINGLE});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("singlePlatform")
  void a_single_platform_image_supports_its_one_platform_only(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).supportsPlatforms("linux/amd64");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).supportsPlatforms("linux/amd64", "linux/arm64"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto support the platforms linux/amd64, linux/arm64"
            + "%nbut found:%n  no image for linux/arm64%n  the image is for: linux/amd64", name(image)));
  }

  @Test
  void one_platform_is_no_multi_arch_claim() {
    // GIVEN
    ContainerImage image = images.open(SINGLE, Source.OCI_LAYOUT);
    List<Verdict> records = new CopyOnWriteArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(image).supportsPlatforms("linux/amd64");
    } finally {
      registration.close();
    }
    // THEN
    org.assertj.core.api.Assertions.assertThat(records).extracting(Verdict::property).containsExactly(Property.OTHER);
  }

  @Test
  void no_platform_or_a_malformed_one_is_a_usage_error() {
    ContainerImage image = images.open(SINGLE, Source.OCI_LAYOUT);
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(image).supportsPlatforms())
        .withMessage("supportsPlatforms expects one or more platforms, such as linux/amd64, but got none");
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(image).supportsPlatforms("amd64"))
        .withMessage("Invalid platform 'amd64': expected os/architecture[/variant], e.g. linux/amd64 or linux/arm64/v8");
  }

  @Test
  void a_variant_must_match_when_both_name_one() {
    // GIVEN an OCI layout with linux/amd64, linux/arm/v7 and linux/arm64/v8
    java.nio.file.Path layout = io.podarmor.testing.ImageLayouts.writeMultiPlatformLayout(tmp.resolve("variants"),
        TestImage.named("report/variants:1").layer(Layer.create().file("/app", "amd64", 0755)),
        TestImage.named("report/variants:1").platform("linux", "arm", "v7")
            .layer(Layer.create().file("/app", "arm", 0755)),
        TestImage.named("report/variants:1").platform("linux", "arm64", "v8")
            .layer(Layer.create().file("/app", "arm64", 0755)));
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN / THEN
    assertThat(image).supportsPlatforms("linux/arm/v7", "linux/arm64", "linux/arm", "linux/amd64");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).supportsPlatforms("linux/arm/v6", "linux/arm64/v8"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto support the platforms linux/arm/v6, linux/arm64/v8"
            + "%nbut found:%n  no image for linux/arm/v6%n  the index has: linux/amd64, linux/arm/v7, linux/arm64/v8",
            name(image)));
  }

  @Test
  void an_index_entry_whose_config_names_another_platform_is_not_taken_at_its_word() throws Exception {
    // GIVEN an index that labels the arm64 image linux/s390x
    java.nio.file.Path layout = io.podarmor.testing.ImageLayouts.writeMultiPlatformLayout(tmp.resolve("lying"),
        TestImage.named("report/lying:1").layer(Layer.create().file("/app", "amd64", 0755)),
        TestImage.named("report/lying:1").platform("linux", "arm64")
            .layer(Layer.create().file("/app", "arm64", 0755)));
    java.nio.file.Path indexJson = layout.resolve("index.json");
    java.nio.file.Files.writeString(indexJson, java.nio.file.Files.readString(indexJson)
        .replace("\"architecture\":\"arm64\"", "\"architecture\":\"s390x\""));
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN / THEN
    org.assertj.core.api.Assertions.assertThatExceptionOfType(io.podarmor.image.ImageException.class)
        .isThrownBy(() -> assertThat(image).supportsPlatforms("linux/amd64", "linux/s390x"))
        .withMessageContaining("linux/s390x").withMessageContaining("is for linux/arm64");
  }

  @Test
  void a_registry_index_entry_whose_config_names_another_platform_fails() {
    // GIVEN an index in the local registry that labels the arm64 image linux/s390x
    io.podarmor.testing.TestRegistry registry = io.podarmor.testing.TestRegistry.local();
    io.podarmor.testing.TestManifest amd64 = io.podarmor.testing.TestManifest.of(
        TestImage.named("report/lying:1").layer(Layer.create().file("/app", "amd64", 0755)),
        TestImage.Compression.GZIP, io.podarmor.testing.TestManifest.Format.OCI);
    io.podarmor.testing.TestManifest arm64 = io.podarmor.testing.TestManifest.of(
        TestImage.named("report/lying:1").platform("linux", "arm64")
            .layer(Layer.create().file("/app", "arm64", 0755)),
        TestImage.Compression.GZIP, io.podarmor.testing.TestManifest.Format.OCI);
    registry.push("report/lying", amd64.digest(), amd64);
    registry.push("report/lying", arm64.digest(), arm64);
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + io.podarmor.testing.TestManifest.OCI_INDEX
        + "\",\"manifests\":[" + entry(amd64, "amd64") + "," + entry(arm64, "s390x") + "]}";
    registry.pushManifest("report/lying", "1", io.podarmor.testing.TestManifest.OCI_INDEX,
        index.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ContainerImage image = ContainerImage.fromRegistry(registry.host() + "/report/lying:1");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).supportsPlatforms("linux/amd64", "linux/s390x"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto support the platforms linux/amd64, linux/s390x"
            + "%nbut found:%n  linux/s390x in the index is %s, whose config says linux/arm64%n"
            + "  the index has: linux/amd64, linux/s390x", name(image), arm64.digest()));
  }

  private static String entry(io.podarmor.testing.TestManifest m, String architecture) {
    return "{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.size()
        + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + architecture + "\"}}";
  }
}
