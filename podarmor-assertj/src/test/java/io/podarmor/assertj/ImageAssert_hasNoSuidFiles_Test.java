package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasNoSuidFiles_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, SuidImages.CLEAN, SuidImages.SUID);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_later_layers_cleared_every_bit_or_deleted_the_file(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.CLEAN, source);
    // WHEN / THEN
    assertThat(image).hasNoSuidFiles();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_setuid_and_setgid_file_and_hard_link_with_mode_owner_and_layer(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, source);
    String[] evidence = SuidImages.suidEvidence();
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSuidFiles())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no setuid or setgid files%nbut found:%n"
            + "  %s%n  %s%n  %s%n  %s", name(image), evidence[0], evidence[1], evidence[2], evidence[3]));
  }
}
