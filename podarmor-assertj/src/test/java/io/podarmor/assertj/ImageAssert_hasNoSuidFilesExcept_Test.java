package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.layer;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasNoSuidFilesExcept_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, SuidImages.MERGED_USR, SuidImages.SUID, SuidImages.CLEAN);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_every_setuid_file_is_allowed_by_its_path_or_a_path_through_a_symlink(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.MERGED_USR, source);
    // WHEN / THEN
    assertThat(image).hasNoSuidFilesExcept("/usr/bin/passwd", "/bin/su", "/usr/bin/newgrp");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_on_an_image_without_setuid_files(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.CLEAN, source);
    // WHEN / THEN
    assertThat(image).hasNoSuidFilesExcept("/usr/bin/passwd");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_the_allowed_paths_and_every_other_setuid_file(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.MERGED_USR, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSuidFilesExcept("/bin/passwd"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no setuid or setgid files except:%n"
            + "  /bin/passwd%nbut found:%n  %s%n  %s", name(image),
            "-rwsr-xr-x 0:0 /usr/bin/newgrp from " + layer(SuidImages.MERGED_USR, 1),
            "-rwsr-xr-x 0:0 /usr/bin/su from " + layer(SuidImages.MERGED_USR, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void a_hard_link_to_an_allowed_file_is_not_allowed_unless_listed(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSuidFilesExcept("/usr/bin/wall", "/opt/app/helper", "/usr/bin/passwd"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no setuid or setgid files except:%n"
            + "  /opt/app/helper%n  /usr/bin/passwd%n  /usr/bin/wall%nbut found:%n  %s", name(image),
            "-rwsr-xr-x 0:0 /usr/bin/passwd-hl (hard link to /usr/bin/passwd) from " + layer(SuidImages.SUID, 1)));
    assertThat(image).hasNoSuidFilesExcept("/usr/bin/wall", "/opt/app/helper", "/usr/bin/passwd", "/usr/bin/passwd-hl");
  }

  @Test
  void no_path_is_hasNoSuidFiles() {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, Source.OCI_LAYOUT);
    String[] evidence = SuidImages.suidEvidence();
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSuidFilesExcept())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no setuid or setgid files%nbut found:%n"
            + "  %s%n  %s%n  %s%n  %s", name(image), evidence[0], evidence[1], evidence[2], evidence[3]));
  }

  @Test
  void rejects_a_relative_path() {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, Source.OCI_LAYOUT);
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(image).hasNoSuidFilesExcept("usr/bin/passwd"))
        .withMessage("hasNoSuidFilesExcept expects an absolute path inside the image, such as /etc/passwd, "
            + "but got: usr/bin/passwd");
  }
}
