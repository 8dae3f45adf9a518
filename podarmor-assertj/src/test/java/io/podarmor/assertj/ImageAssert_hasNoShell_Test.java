package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasNoShell_Test {
  /** No shell left: only non-executable namesakes, a dangling /bin/sh, /etc/shells naming what is gone. */
  static final TestImage NO_SHELL = TestImage.named(SourceImages.PREFIX + "shell-none:1")
      .layer(Layer.create()
          .copy("/app", Binaries.catatonit(), 0755)
          .file("/usr/bin/dash", "dash", 0755)
          .symlink("/bin/sh", "/usr/bin/dash")
          .file("/usr/share/bash-completion/completions/bash", "complete -F _bash bash", 0644)
          .file("/etc/shells", "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/dash\n/bin/bash\n", 0644))
      .layer(Layer.create()
          .whiteout("/usr/bin/dash"));

  /** Busybox renamed: only its content gives it away. */
  static final TestImage HIDDEN = TestImage.named(SourceImages.PREFIX + "shell-hidden:1")
      .layer(Layer.create()
          .copy("/usr/bin/multi", Binaries.busybox(), 0755)
          .copy("/app", Binaries.catatonit(), 0755));

  /** Shells found every way: by name, by symlink, by content, through /etc/shells. */
  static final TestImage SHELLS = TestImage.named(SourceImages.PREFIX + "shell:1")
      .layer(Layer.create()
          .copy("/bin/busybox", Binaries.busybox(), 0755)
          .symlink("/bin/sh", "busybox")
          .symlink("/usr/bin/ls", "/bin/busybox")
          .file("/bin/bash", "bash", 0755)
          .file("/usr/bin/zsh", "zsh", 0755)
          .file("/usr/local/bin/myshell", "myshell", 0755)
          .file("/etc/shells", "/bin/sh\n/bin/bash\n/usr/local/bin/myshell\n/bin/fish\n", 0644))
      .layer(Layer.create()
          .copy("/usr/bin/multi", Binaries.busybox(), 0755)
          .whiteout("/usr/bin/zsh"));

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, NO_SHELL, HIDDEN, SHELLS);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_nothing_executable_is_a_shell(Source source) {
    // GIVEN
    ContainerImage image = images.open(NO_SHELL, source);
    // WHEN / THEN
    assertThat(image).hasNoShell();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_on_busybox_under_another_name_by_its_content(Source source) {
    // GIVEN
    ContainerImage image = images.open(HIDDEN, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoShell())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no shell%nbut found:%n"
            + "  /usr/bin/multi (content identifies busybox)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_shell_and_why_it_is_one(Source source) {
    // GIVEN
    ContainerImage image = images.open(SHELLS, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoShell())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no shell%nbut found:%n"
            + "  /bin/bash (by name, listed in /etc/shells)%n"
            + "  /bin/busybox (by name, content identifies busybox)%n"
            + "  /bin/sh (by name, symlink to /bin/busybox, listed in /etc/shells)%n"
            + "  /usr/bin/ls (symlink to /bin/busybox)%n"
            + "  /usr/bin/multi (content identifies busybox)%n"
            + "  /usr/local/bin/myshell (listed in /etc/shells)", name(image)));
  }
}
