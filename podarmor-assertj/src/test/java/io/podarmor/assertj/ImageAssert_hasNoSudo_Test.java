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

class ImageAssert_hasNoSudo_Test {
  static final TestImage MENTIONS_SUDO = TestImage.named(SourceImages.PREFIX + "cis-sudo-mentioned:1")
      .layer(Layer.create().dir("/usr", 0755).dir("/usr/share", 0755).dir("/usr/share/bash-completion", 0755)
          .dir("/usr/share/bash-completion/completions", 0755)
          .file("/usr/share/bash-completion/completions/sudo", "complete -F _sudo sudo\n", 0644)
          .dir("/etc", 0755).dir("/etc/sudoers.d", 0755))
      .history("/bin/sh -c find / -iname sudo && apt-get purge -y sudo && echo sudo", false);
  static final TestImage RUNS_SUDO = CisImages.image("sudo-run", "RUN /bin/sh -c sudo make install # buildkit");
  static final TestImage SHIPS_SUDO = TestImage.named(SourceImages.PREFIX + "cis-sudo-binary:1")
      .layer(Layer.create().dir("/usr", 0755).dir("/usr/bin", 0755).file("/usr/bin/sudo", "ELF", 04755))
      .history("COPY sudo /usr/bin/sudo # buildkit", false);

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, MENTIONS_SUDO, RUNS_SUDO, SHIPS_SUDO);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> noSudo() {
    return everySource(new Object[] {MENTIONS_SUDO});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("noSudo")
  void passes_when_sudo_is_only_an_argument_or_a_non_executable_name(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).hasNoSudo();
  }

  static Stream<Arguments> sudo() {
    return everySource(
        new Object[] {RUNS_SUDO, "history[0]: RUN /bin/sh -c sudo make install"},
        new Object[] {SHIPS_SUDO, "-rwsr-xr-x 0:0 /usr/bin/sudo from " + layer(SHIPS_SUDO, 1)});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("sudo")
  void fails_when_a_step_runs_sudo_or_the_image_ships_it(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSudo())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no sudo (dockle DKL-DI-0001)%nbut found:%n  %s",
            name(image), found));
  }
}
