package io.podarmor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCandidatesTest {
  @TempDir Path tmp;

  private ImageFilesystem fs(Layer... layers) {
    TestImage image = TestImage.named("podarmor-test-ext/shells:1");
    for (Layer l : layers) {
      image.layer(l);
    }
    return ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("layout"))).filesystem();
  }

  @Test
  void alwaysTriesBinShAndShBashAshOnThePath() {
    ImageFilesystem empty = fs(Layer.create().file("/hello", "hi", 0644));

    assertThat(ShellCandidates.commands(empty)).containsExactly(
        List.of("/bin/sh"), List.of("sh"), List.of("bash"), List.of("ash"));
  }

  @Test
  void addsShellsByNameContentAndEtcShellsWithMultiCallBinariesAsTheirShApplet() {
    ImageFilesystem fs = fs(Layer.create()
        .dir("/bin", 0755)
        .copy("/bin/busybox", Binaries.busybox(), 0755)
        .symlink("/bin/sh", "busybox")
        .dir("/usr", 0755).dir("/usr/local", 0755).dir("/usr/local/bin", 0755)
        .copy("/usr/local/bin/bb", Binaries.busybox(), 0755)
        .file("/usr/local/bin/zsh", "#!fake", 0755)
        .file("/usr/local/bin/fish", "not executable", 0644)
        .symlink("/usr/local/bin/dash", "/nowhere/dash")
        .dir("/opt", 0755)
        .file("/opt/login-shell", "#!fake", 0755)
        .dir("/etc", 0755)
        .file("/etc/shells", "# comment\n/bin/sh\n/opt/login-shell\n/not/there\n", 0644));

    assertThat(ShellCandidates.shellPaths(fs))
        .containsExactly("/bin/busybox", "/bin/sh", "/opt/login-shell", "/usr/local/bin/bb", "/usr/local/bin/zsh");
    assertThat(ShellCandidates.commands(fs)).containsExactly(
        List.of("/bin/sh"), List.of("sh"), List.of("bash"), List.of("ash"),
        List.of("/bin/busybox", "sh"), List.of("/opt/login-shell"), List.of("/usr/local/bin/bb", "sh"),
        List.of("/usr/local/bin/zsh"));
  }
}
