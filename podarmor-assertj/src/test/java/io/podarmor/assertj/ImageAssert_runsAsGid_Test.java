package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_runsAsGid_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, UserImages.UNSET, UserImages.ZERO_ZERO, UserImages.ROOT_ROOT,
        UserImages.UID_65532, UserImages.UID_GID_65532, UserImages.NONROOT, UserImages.UID_4242, UserImages.GHOST);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> users() {
    return everySource(
        new Object[] {UserImages.UNSET, 0},
        new Object[] {UserImages.ZERO_ZERO, 0},
        new Object[] {UserImages.ROOT_ROOT, 0},
        new Object[] {UserImages.UID_65532, 65532},
        new Object[] {UserImages.UID_GID_65532, 65532},
        new Object[] {UserImages.NONROOT, 65532},
        new Object[] {UserImages.UID_4242, 0});
  }

  @ParameterizedTest(name = "{0}: {1} runs as gid {2}")
  @MethodSource("users")
  void passes_when_the_user_resolves_to_the_gid(Source source, TestImage testImage, int gid) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).runsAsGid(gid);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_when_a_uid_without_etc_passwd_entry_gets_gid_0(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.UID_4242, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsGid(4242))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as gid 4242%nbut found:%n"
            + "  User \"4242\": uid 4242, gid 0 (no /etc/passwd entry for uid 4242)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_when_the_group_resolves_to_another_gid(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.ROOT_ROOT, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsGid(65532))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as gid 65532%nbut found:%n"
            + "  User \"root:root\": uid 0 (root in /etc/passwd), gid 0 (root in /etc/group)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void cannot_decide_when_the_name_is_missing_from_etc_passwd(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.GHOST, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsGid(0))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as gid 0%nbut could not decide:%n"
            + "  User \"ghost\": no user ghost in /etc/passwd", name(image)));
  }

  @Test
  void rejects_a_negative_gid() {
    // GIVEN
    ContainerImage image = images.open(UserImages.NONROOT, Source.OCI_LAYOUT);
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(image).runsAsGid(-2))
        .withMessage("Expecting a gid of 0 or more, but got -2");
  }
}
