package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DebianRootfs;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The assertions on a real-world image: Debian bookworm minbase (debootstrap) and its hardened variant made with
 * {@code docker build}, read from the engine and from {@code docker save} archives.
 */
class ImageAssert_debian_Test {
  @TempDir static Path tmp;
  private static Path minbaseArchive;
  private static Path hardenedArchive;

  @BeforeAll
  static void images() {
    minbaseArchive = DebianRootfs.save(DebianRootfs.minbaseImage(), tmp.resolve("minbase.tar"));
    hardenedArchive = DebianRootfs.save(DebianRootfs.hardenedImage(), tmp.resolve("hardened.tar"));
  }

  static Stream<Named<ContainerImage>> minbase() {
    return Stream.of(Named.of("engine", DebianRootfs.minbase()),
        Named.of("docker-archive", ContainerImage.fromDockerArchive(minbaseArchive)));
  }

  static Stream<Named<ContainerImage>> hardened() {
    return Stream.of(Named.of("engine", DebianRootfs.hardened()),
        Named.of("docker-archive", ContainerImage.fromDockerArchive(hardenedArchive)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("minbase")
  void minbase_fails_every_hardening_check_and_names_every_real_setid_program(ContainerImage image) {
    AssertionError suid = assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSuidFiles()).actual();
    for (String program : DebianRootfs.SET_ID_PROGRAMS) {
      org.assertj.core.api.Assertions.assertThat(suid.getMessage()).contains(program);
    }
    org.assertj.core.api.Assertions.assertThat(suid.getMessage())
        .contains("-rwsr-xr-x 0:0 /usr/bin/passwd")
        .contains("-rwxr-sr-x 0:42 /usr/sbin/unix_chkpwd");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).runsAsNonRoot())
        .withMessageContaining("User not set: uid 0 (root)");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoPackageManager())
        .withMessageContaining("/usr/bin/apt-get").withMessageContaining("/usr/bin/dpkg");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoShell())
        .withMessageContaining("/usr/bin/bash").withMessageContaining("/usr/bin/dash");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasHealthcheck());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hardened")
  void the_hardened_build_image_passes_but_keeps_its_shell(ContainerImage image) {
    assertThat(image).runsAsUid(65532).runsAsGid(65532).runsAsNonRoot().hasNoSuidFiles().hasNoPackageManager()
        .hasHealthcheck().hasFile("/bin/sh");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoShell())
        .withMessageContaining("/bin/sh");
  }
}
