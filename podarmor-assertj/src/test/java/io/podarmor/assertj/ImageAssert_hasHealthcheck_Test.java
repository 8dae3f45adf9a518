package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Elfs;
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

class ImageAssert_hasHealthcheck_Test {
  /** A real program for the probe: a static amd64 binary that exits 0. */
  static final byte[] PROGRAM = Elfs.exit0();
  static final Layer APP = Layer.create().file("/app", PROGRAM, 0755);
  static final TestImage UNDECLARED = TestImage.named(SourceImages.PREFIX + "healthcheck-undeclared:1").layer(APP);
  static final TestImage DISABLED = TestImage.named(SourceImages.PREFIX + "healthcheck-none:1").layer(APP)
      .healthcheck("NONE");
  static final TestImage CMD = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd:1").layer(APP)
      .healthcheck("CMD", "/app", "--health");
  static final Layer SHELL = Layer.create().file("/bin/sh", PROGRAM, 0755);
  static final TestImage CMD_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-shell:1").layer(APP)
      .layer(SHELL).healthcheck("CMD-SHELL", "/app --health || exit 1");
  /** The program found in the default PATH, through a relative symlink. */
  static final TestImage CMD_ON_PATH = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-path:1")
      .layer(Layer.create().file("/usr/lib/app/health", PROGRAM, 0755).symlink("/usr/bin/health", "../lib/app/health"))
      .healthcheck("CMD", "health", "--ready");
  /** {@code ./check} is found in the working directory. */
  static final TestImage CMD_RELATIVE = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-relative:1")
      .layer(Layer.create().file("/srv/check", PROGRAM, 0755)).workingDir("/srv").healthcheck("CMD", "./check");
  /** A SHELL instruction does not reach the probe: the engine runs {@code /bin/sh -c}, which the image has. */
  static final TestImage SHELL_SET = TestImage.named(SourceImages.PREFIX + "healthcheck-shell-set:1").layer(APP)
      .layer(SHELL).shell("/bin/bash", "-c").healthcheck("CMD-SHELL", "/app --health");
  /** The distroless mistake: a probe through a shell the image does not have. */
  static final TestImage NO_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-no-shell:1").layer(APP)
      .healthcheck("CMD-SHELL", "/app --health || exit 1");
  static final TestImage PROGRAM_MISSING = TestImage.named(SourceImages.PREFIX + "healthcheck-no-curl:1").layer(APP)
      .healthcheck("CMD", "curl", "-f", "http://localhost/");
  static final TestImage NOT_EXECUTABLE = TestImage.named(SourceImages.PREFIX + "healthcheck-not-exec:1")
      .layer(Layer.create().file("/health", "data", 0644)).healthcheck("CMD", "/health");
  /** Found first through a relative PATH entry: runc refuses it, though /usr/bin is on the PATH too. */
  static final TestImage RELATIVE_PATH = TestImage.named(SourceImages.PREFIX + "healthcheck-path-dot:1")
      .layer(Layer.create().file("/usr/bin/health", PROGRAM, 0755)).workingDir("/usr/bin").env("PATH=.:/usr/bin")
      .healthcheck("CMD", "health");
  /** A script whose interpreter the image has. */
  static final Layer SCRIPT = Layer.create().file("/healthcheck.sh", "#!/bin/sh\nexit 0\n", 0755);
  static final TestImage SCRIPT_WITH_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-script:1")
      .layer(SCRIPT).layer(SHELL).healthcheck("CMD", "/healthcheck.sh");
  /** The distroless mistake again: a script for a shell the image does not have. */
  static final TestImage SCRIPT_NO_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-script-no-sh:1")
      .layer(SCRIPT).healthcheck("CMD", "/healthcheck.sh");
  /** The probe is a hard link to the script: the link shares the script's #! line. */
  static final Layer LINKED_SCRIPT = Layer.create().file("/opt/probe.sh", "#!/bin/sh\nexit 0\n", 0755)
      .hardlink("/usr/bin/probe", "/opt/probe.sh");
  static final TestImage LINKED_SCRIPT_WITH_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-linked:1")
      .layer(LINKED_SCRIPT).layer(SHELL).healthcheck("CMD", "probe");
  static final TestImage LINKED_SCRIPT_NO_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-linked-no-sh:1")
      .layer(LINKED_SCRIPT).healthcheck("CMD", "probe");
  /** An arm64 image runs arm64 binaries. */
  static final TestImage ARM64 = TestImage.named(SourceImages.PREFIX + "healthcheck-arm64:1")
      .platform("linux", "arm64").layer(Layer.create().file("/app", Elfs.program(183, true, true), 0755)).healthcheck("CMD", "/app");
  /** A text file with an execute bit and no #! line: execve refuses it (a shell would run it, runc does not). */
  static final TestImage NOT_ELF = TestImage.named(SourceImages.PREFIX + "healthcheck-text:1")
      .layer(Layer.create().file("/app", "curl -f http://localhost/\n", 0755)).healthcheck("CMD", "/app");
  /** The multi-arch mistake: an arm64 binary copied into the amd64 image. */
  static final TestImage FOREIGN = TestImage.named(SourceImages.PREFIX + "healthcheck-foreign:1")
      .layer(Layer.create().file("/app", Elfs.program(183, true, true), 0755)).healthcheck("CMD", "/app");
  /** A script whose interpreter is an empty file. */
  static final TestImage EMPTY_SHELL = TestImage.named(SourceImages.PREFIX + "healthcheck-empty-sh:1")
      .layer(SCRIPT).layer(Layer.create().file("/bin/sh", "", 0755)).healthcheck("CMD", "/healthcheck.sh");
  /** The probe runs as the image's user: a program only root may run fails for 65532. */
  static final TestImage ROOT_ONLY = TestImage.named(SourceImages.PREFIX + "healthcheck-root-only:1").user("65532")
      .layer(Layer.create().file("/app", PROGRAM, 0700)).healthcheck("CMD", "/app");
  /** A group /etc/group lists the user in may run it. */
  static final TestImage GROUP_MEMBER = TestImage.named(SourceImages.PREFIX + "healthcheck-group:1").user("app")
      .layer(Layer.create().file("/etc/passwd", "app:x:65532:65532::/:/sbin/nologin\n", 0644)
          .file("/etc/group", "tools:x:1000:app\n", 0644).owner(0, 1000).file("/app", PROGRAM, 0750))
      .healthcheck("CMD", "/app");
  /** A SHELL the image has does not stand in for the /bin/sh it lacks. */
  static final TestImage SHELL_MISSING = TestImage.named(SourceImages.PREFIX + "healthcheck-only-ash:1").layer(APP)
      .layer(Layer.create().file("/bin/ash", PROGRAM, 0755)).shell("/bin/ash", "-c")
      .healthcheck("CMD-SHELL", "/app --health");
  /** A type the engine does not know: it logs it and never probes. */
  static final TestImage UNKNOWN_TYPE = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-lower:1").layer(APP)
      .healthcheck("cmd", "/app", "--health");
  static final TestImage NO_COMMAND = TestImage.named(SourceImages.PREFIX + "healthcheck-cmd-alone:1").layer(APP)
      .healthcheck("CMD");

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, UNDECLARED, DISABLED, CMD, CMD_SHELL, UNKNOWN_TYPE, NO_COMMAND, CMD_ON_PATH,
        CMD_RELATIVE, SHELL_SET, NO_SHELL, PROGRAM_MISSING, NOT_EXECUTABLE, SHELL_MISSING, RELATIVE_PATH,
        SCRIPT_WITH_SHELL, SCRIPT_NO_SHELL, LINKED_SCRIPT_WITH_SHELL, LINKED_SCRIPT_NO_SHELL, ARM64, NOT_ELF, FOREIGN, EMPTY_SHELL, ROOT_ONLY, GROUP_MEMBER);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> healthchecks() {
    return everySource(new Object[] {CMD}, new Object[] {CMD_SHELL}, new Object[] {CMD_ON_PATH},
        new Object[] {CMD_RELATIVE}, new Object[] {SHELL_SET}, new Object[] {SCRIPT_WITH_SHELL},
        new Object[] {LINKED_SCRIPT_WITH_SHELL}, new Object[] {ARM64},
        new Object[] {GROUP_MEMBER});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("healthchecks")
  void passes_when_the_image_declares_a_healthcheck(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).hasHealthcheck();
  }

  static Stream<Arguments> noHealthchecks() {
    return everySource(new Object[] {UNDECLARED, "no HEALTHCHECK"}, new Object[] {DISABLED, "HEALTHCHECK NONE"},
        new Object[] {UNKNOWN_TYPE, "HEALTHCHECK cmd /app --health: the engine runs no probe for a test of type \"cmd\" "
            + "(only CMD and CMD-SHELL)"},
        new Object[] {NO_COMMAND, "HEALTHCHECK CMD with no command: the engine's probe has nothing to run and never "
            + "succeeds"},
        new Object[] {NO_SHELL, "HEALTHCHECK CMD-SHELL /app --health || exit 1: the engine runs it with /bin/sh -c, "
            + "and /bin/sh is not an executable file in the image, so the engine's probe cannot run it and never "
            + "succeeds"},
        new Object[] {PROGRAM_MISSING, "HEALTHCHECK CMD curl -f http://localhost/: curl is not an executable file in "
            + "the image (looked up in PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin), so the "
            + "engine's probe cannot run it and never succeeds"},
        new Object[] {NOT_EXECUTABLE, "HEALTHCHECK CMD /health: /health is not an executable file in the image, so "
            + "the engine's probe cannot run it and never succeeds"},
        new Object[] {SHELL_MISSING, "HEALTHCHECK CMD-SHELL /app --health: the engine runs it with /bin/sh -c, and "
            + "/bin/sh is not an executable file in the image, so the engine's probe cannot run it and never "
            + "succeeds"},
        new Object[] {RELATIVE_PATH, "HEALTHCHECK CMD health: health is found through the relative PATH entry \".\" "
            + "first (PATH=.:/usr/bin), and runc refuses to run a program found relative to the working directory, so "
            + "the engine's probe cannot run it and never succeeds"},
        new Object[] {SCRIPT_NO_SHELL, "HEALTHCHECK CMD /healthcheck.sh: /healthcheck.sh is a script for /bin/sh, "
            + "which is not an executable file in the image, so the engine's probe cannot run it and never succeeds"},
        new Object[] {LINKED_SCRIPT_NO_SHELL, "HEALTHCHECK CMD probe: probe (found at /usr/bin/probe) is a "
            + "script for /bin/sh, which is not an executable file in the image, so the engine's probe cannot run it and "
            + "never succeeds"},
        new Object[] {NOT_ELF, "HEALTHCHECK CMD /app: /app is neither an ELF binary nor a #! script: the kernel "
            + "refuses to run it (exec format error), so the engine's probe cannot run it and never succeeds"},
        new Object[] {FOREIGN, "HEALTHCHECK CMD /app: /app is an ELF binary for arm64 in an image for amd64: the "
            + "kernel refuses to run it (exec format error) unless the host runs arm64 binaries too, so the engine's "
            + "probe cannot run it and never succeeds"},
        new Object[] {EMPTY_SHELL, "HEALTHCHECK CMD /healthcheck.sh: /healthcheck.sh is a script for /bin/sh, which is "
            + "neither an ELF binary nor a #! script: the kernel refuses to run it (exec format error), so the "
            + "engine's probe cannot run it and never succeeds"},
        new Object[] {ROOT_ONLY, "HEALTHCHECK CMD /app: /app is not executable by the probe's user, uid 65532 gid 0 "
            + "(-rwx------ 0:0), so the engine's probe cannot run it and never succeeds"});
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("noHealthchecks")
  void fails_when_the_engine_would_probe_nothing_that_can_succeed(Source source, TestImage testImage, String found) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasHealthcheck())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have a HEALTHCHECK%nbut found:%n  %s",
            name(image), found));
  }
}
