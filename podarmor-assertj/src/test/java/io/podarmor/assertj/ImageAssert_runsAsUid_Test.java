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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class ImageAssert_runsAsUid_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, UserImages.ALL);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> users() {
    return everySource(
        new Object[] {UserImages.UNSET, 0},
        new Object[] {UserImages.EMPTY, 0},
        new Object[] {UserImages.ZERO, 0},
        new Object[] {UserImages.ZERO_ZERO, 0},
        new Object[] {UserImages.ROOT_ROOT, 0},
        new Object[] {UserImages.UID_65532, 65532},
        new Object[] {UserImages.UID_GID_65532, 65532},
        new Object[] {UserImages.NONROOT, 65532},
        new Object[] {UserImages.UID_4242, 4242});
  }

  @ParameterizedTest(name = "{0}: {1} runs as uid {2}")
  @MethodSource("users")
  void passes_when_the_user_resolves_to_the_uid(Source source, TestImage testImage, int uid) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).runsAsUid(uid);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_when_no_user_is_set_as_that_is_root(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.UNSET, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsUid(65532))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as uid 65532%nbut found:%n"
            + "  User not set: uid 0 (root), gid 0 (primary group in /etc/passwd)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_when_the_name_resolves_to_another_uid(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.NONROOT, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsUid(0))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as uid 0%nbut found:%n"
            + "  User \"nonroot\": uid 65532 (nonroot in /etc/passwd), gid 65532 (primary group in /etc/passwd)",
            name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void cannot_decide_when_the_name_is_missing_from_etc_passwd(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.GHOST, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsUid(65532))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as uid 65532%nbut could not decide:%n"
            + "  User \"ghost\": no user ghost in /etc/passwd", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void cannot_decide_a_name_without_etc_passwd(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.NO_PASSWD, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsUid(65532))
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as uid 65532%nbut could not decide:%n"
            + "  User \"nonroot\" names a user, but the image has no /etc/passwd to resolve it", name(image)));
  }

  @Test
  void rejects_a_negative_uid() {
    // GIVEN
    ContainerImage image = images.open(UserImages.NONROOT, Source.OCI_LAYOUT);
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(image).runsAsUid(-1))
        .withMessage("Expecting a uid of 0 or more, but got -1");
  }

  @Test
  void fails_on_a_null_image() {
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat((ContainerImage) null).runsAsUid(0))
        .withMessage(String.format("%nExpecting actual not to be null"));
  }
}
