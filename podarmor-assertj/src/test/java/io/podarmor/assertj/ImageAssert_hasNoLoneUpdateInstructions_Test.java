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
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_hasNoLoneUpdateInstructions_Test {
  static final String ROOTFS = "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b"
      + "56e4 in / ";
  static final TestImage UPDATE_AND_INSTALL = CisImages.image("update-install", ROOTFS,
      "/bin/sh -c apt-get update && apt-get install -y x",
      "RUN |1 V=1 /bin/sh -c apt-get update  && apt-get install -y x # buildkit",
      "|0 /bin/sh -c dnf makecache && dnf -y install nginx");
  static final TestImage LEGACY_LONE = CisImages.image("update-legacy", ROOTFS, "empty:/bin/sh -c #(nop)  ARG V=1",
      "|1 V=1 /bin/sh -c apt-get update", "|1 V=1 /bin/sh -c apt-get install -y x");
  static final TestImage BUILDKIT_LONE = CisImages.image("update-buildkit", ROOTFS,
      "RUN /bin/sh -c apk update # buildkit", "RUN /bin/sh -c zypper ref # buildkit");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, UPDATE_AND_INSTALL, LEGACY_LONE, BUILDKIT_LONE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> updatesWithInstalls() {
    return everySource(new Object[] {UPDATE_AND_INSTALL});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("updatesWithInstalls")
  void passes_when_every_update_is_followed_by_an_install_in_the_same_RUN(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).hasNoLoneUpdateInstructions();
  }

  static Stream<Arguments> loneUpdates() {
    return everySource(
        new Object[] {LEGACY_LONE, "history[2]: RUN |1 V=1 /bin/sh -c apt-get update (apt-get update with no install"
            + " or upgrade after it)"},
        new Object[] {BUILDKIT_LONE, "history[1]: RUN /bin/sh -c apk update (apk update with no install or upgrade"
            + " after it)%n  history[2]: RUN /bin/sh -c zypper ref (zypper ref with no install or upgrade after it)"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("loneUpdates")
  void fails_listing_every_lone_update(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoLoneUpdateInstructions())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no package index update without an install in"
            + " the same RUN step (CIS 4.7)%nbut found:%n  " + found, name(image)));
  }
}
