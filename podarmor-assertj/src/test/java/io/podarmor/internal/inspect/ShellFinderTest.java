package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ImageFilesystem;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.Layer;
import org.junit.jupiter.api.Test;

class ShellFinderTest {

  @Test
  void finds_shells_by_name_symlink_content_and_etc_shells_and_says_why() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(
        Layer.create()
            .copy("/bin/busybox", Binaries.busybox(), 0755)
            .copy("/usr/bin/multi", Binaries.busybox(), 0755)
            .symlink("/bin/sh", "busybox")
            .symlink("/usr/bin/ls", "/bin/busybox")
            .symlink("/usr/local/bin/run", "../../bin/multi")  // from /usr/local/bin: /usr/bin/multi
            .file("/usr/bin/dash", "not really dash", 0755)
            .file("/usr/bin/zsh", "zsh", 0700)
            .symlink("/usr/bin/tcsh", "dash")
            .file("/opt/toybox", "toybox", 0755)
            .file("/opt/custom-shell", "custom", 0755)
            .file("/etc/shells", "# /etc/shells: valid login shells\n/bin/sh\n/opt/custom-shell\n/bin/fish\n"
                + "  /usr//bin/dash  \n", 0644));
    // WHEN / THEN
    assertThat(ShellFinder.find(fs)).containsExactly(
        "/bin/busybox (by name, content identifies busybox)",
        "/bin/sh (by name, symlink to /bin/busybox, listed in /etc/shells)",
        "/opt/custom-shell (listed in /etc/shells)",
        "/opt/toybox (by name)",
        "/usr/bin/dash (by name, listed in /etc/shells)",
        "/usr/bin/ls (symlink to /bin/busybox)",
        "/usr/bin/multi (content identifies busybox)",
        "/usr/bin/tcsh (by name, symlink to /usr/bin/dash)",
        "/usr/bin/zsh (by name)",
        "/usr/local/bin/run (symlink to /usr/bin/multi)");
  }

  @Test
  void what_cannot_be_executed_is_no_shell() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(
        Layer.create()
            .file("/usr/share/bash-completion/completions/bash", "complete", 0644)
            .file("/usr/share/lintian/overrides/dash", "override", 0644)
            .dir("/usr/share/doc/bash", 0755)
            .symlink("/bin/sh", "dash")
            .symlink("/bin/loop", "loop")
            .symlink("/usr/bin/ash", "/nowhere")
            .copy("/app", Binaries.catatonit(), 0755)
            .file("/etc/shells", "/bin/sh\n/bin/bash\n", 0644),
        Layer.create()
            .whiteout("/bin/bash"));
    // WHEN / THEN
    assertThat(ShellFinder.find(fs)).isEmpty();
  }

  @Test
  void a_shell_deleted_by_a_later_layer_is_gone() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(
        Layer.create().copy("/bin/busybox", Binaries.busybox(), 0755).symlink("/bin/sh", "busybox"),
        Layer.create().opaque("/bin").file("/bin/app", "app", 0755));
    // WHEN / THEN
    assertThat(ShellFinder.find(fs)).isEmpty();
  }
}
