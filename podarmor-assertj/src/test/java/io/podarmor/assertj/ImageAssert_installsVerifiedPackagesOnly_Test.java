package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.layer;
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

class ImageAssert_installsVerifiedPackagesOnly_Test {
  static final String ROOTFS = "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b"
      + "56e4 in / ";
  static final Layer SIGNED_SOURCES = Layer.create().dir("/etc", 0755).dir("/etc/apt", 0755)
      .file("/etc/apt/sources.list", "# deb [trusted=yes] http://old/ ./\ndeb http://deb.debian.org/debian bookworm main\n",
          0644)
      .dir("/etc/apt/sources.list.d", 0755)
      .file("/etc/apt/sources.list.d/debian.sources", "Types: deb\nURIs: http://deb.debian.org/debian\n"
          + "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n", 0644);
  static final Layer TRUSTING_SOURCES = Layer.create().dir("/etc", 0755).dir("/etc/apt", 0755)
      .dir("/etc/apt/sources.list.d", 0755)
      .file("/etc/apt/sources.list.d/internal.list", "deb [arch=amd64 trusted=yes] http://repo.internal/ ./\n", 0644)
      .file("/etc/apt/sources.list.d/vendor.sources", "Types: deb\nURIs: http://vendor/\nTrusted: yes\n", 0644);
  /** apt's own configuration letting it install what it cannot verify, the way a mirror's setup may write it. */
  static final Layer UNAUTHENTICATED_CONFIG = Layer.create().dir("/etc", 0755).dir("/etc/apt", 0755)
      .dir("/etc/apt/apt.conf.d", 0755)
      .file("/etc/apt/apt.conf.d/99mirror",
          "// the mirror signs nothing\nAPT::Get {\n  AllowUnauthenticated \"on\";\n};\n", 0644);

  static final TestImage VERIFIED = TestImage.named(SourceImages.PREFIX + "cis-verified:1")
      .layer(SIGNED_SOURCES).history(ROOTFS, false)
      .layer(Layer.create().file("/x", "x", 0644))
      .history("RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", false);
  static final TestImage PIPED_TO_SHELL = CisImages.image("curl-sh", ROOTFS,
      "/bin/sh -c curl -fsSL https://get.example.com | sh",
      "RUN /bin/sh -c apt-get install -y --allow-unauthenticated x # buildkit");
  static final TestImage TRUSTING = TestImage.named(SourceImages.PREFIX + "cis-trusted-sources:1")
      .layer(TRUSTING_SOURCES).history(ROOTFS, false);
  static final TestImage UNAUTHENTICATED = TestImage.named(SourceImages.PREFIX + "cis-apt-unauthenticated:1")
      .layer(UNAUTHENTICATED_CONFIG).history(ROOTFS, false);

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, VERIFIED, PIPED_TO_SHELL, TRUSTING, UNAUTHENTICATED);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> verified() {
    return everySource(new Object[] {VERIFIED});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("verified")
  void passes_when_nothing_skips_verification(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).installsVerifiedPackagesOnly();
  }

  static Stream<Arguments> unverified() {
    return everySource(
        new Object[] {PIPED_TO_SHELL, "history[1]: RUN /bin/sh -c curl -fsSL https://get.example.com | sh (curl"
            + " download piped into sh)%n"
            + "  history[2]: RUN /bin/sh -c apt-get install -y --allow-unauthenticated x (apt-get"
            + " --allow-unauthenticated)"},
        new Object[] {TRUSTING, "/etc/apt/sources.list.d/internal.list:1: deb [arch=amd64 trusted=yes]"
            + " http://repo.internal/ ./ (from " + layer(TRUSTING, 1) + ")%n"
            + "  /etc/apt/sources.list.d/vendor.sources:3: Trusted: yes (from " + layer(TRUSTING, 1) + ")"},
        new Object[] {UNAUTHENTICATED, "/etc/apt/apt.conf.d/99mirror:3: APT::Get::AllowUnauthenticated \"on\" (from "
            + layer(UNAUTHENTICATED, 1) + ")"});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unverified")
  void fails_listing_every_step_and_source_that_skips_verification(Source source, TestImage testImage,
      String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).installsVerifiedPackagesOnly())
        .withMessage(String.format("%nExpecting image:%n  %s%nto install verified packages only (CIS 4.11)%n"
            + "but found:%n  " + found, name(image)));
  }
}
