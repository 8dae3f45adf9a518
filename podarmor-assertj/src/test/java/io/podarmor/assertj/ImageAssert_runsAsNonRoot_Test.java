package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_runsAsNonRoot_Test {
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

  static Stream<Arguments> nonRootUsers() {
    return everySource(
        new Object[] {UserImages.UID_65532},
        new Object[] {UserImages.UID_GID_65532},
        new Object[] {UserImages.NONROOT},
        new Object[] {UserImages.UID_4242});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("nonRootUsers")
  void passes_when_the_user_resolves_to_a_uid_other_than_0(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).runsAsNonRoot();
  }

  static Stream<Arguments> rootUsers() {
    return everySource(
        new Object[] {UserImages.UNSET, "User not set: uid 0 (root), gid 0 (primary group in /etc/passwd)"},
        new Object[] {UserImages.EMPTY, "User not set: uid 0 (root), gid 0 (primary group in /etc/passwd)"},
        new Object[] {UserImages.ZERO, "User \"0\": uid 0, gid 0 (primary group in /etc/passwd)"},
        new Object[] {UserImages.ZERO_ZERO, "User \"0:0\": uid 0, gid 0"},
        new Object[] {UserImages.ROOT_ROOT,
            "User \"root:root\": uid 0 (root in /etc/passwd), gid 0 (root in /etc/group)"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rootUsers")
  void fails_when_the_user_is_root(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsNonRoot())
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as a non-root user%nbut found:%n  %s",
            name(image), found));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void cannot_decide_when_the_name_is_missing_from_etc_passwd(Source source) {
    // GIVEN
    ContainerImage image = images.open(UserImages.GHOST, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).runsAsNonRoot())
        .withMessage(String.format("%nExpecting image:%n  %s%nto run as a non-root user%nbut could not decide:%n"
            + "  User \"ghost\": no user ghost in /etc/passwd", name(image)));
  }
}
