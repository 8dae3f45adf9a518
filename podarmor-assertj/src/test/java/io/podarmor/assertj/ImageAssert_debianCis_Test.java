package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DebianRootfs;
import org.junit.jupiter.api.Test;

/**
 * CIS section 4 on the real-world Debian images: the minbase is a {@code docker import} of a debootstrap rootfs, so
 * its history records nothing of what built it (as after an export/import squash) and every history item fails
 * closed; the hardened build on top passes the config and filesystem items.
 */
class ImageAssert_debianCis_Test {
  static final String IMPORTED = "could not decide: history[0] has no created_by (comment: debootstrap --variant=minbase bookworm): what it"
      + " ran is not recorded";

  @Test
  void an_imported_image_fails_the_history_items_closed_and_the_others_with_evidence() {
    ContainerImage image = ContainerImage.fromDaemon(DebianRootfs.minbaseImage());
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).satisfiesCisDockerSection4())
        .withMessageContaining(String.format("but found:%n"
            + "  4.1 Ensure that a user for the container has been created:%n"
            + "    User not set: uid 0 (root), gid 0 (primary group in /etc/passwd)%n"
            + "  4.6 Ensure that HEALTHCHECK instructions have been added to container images:%n"
            + "    no HEALTHCHECK%n"
            + "  4.7 Ensure update instructions are not used alone in the Dockerfile:%n"
            + "    %s%n"
            + "  4.8 Ensure setuid and setgid permissions are removed:%n"
            + "    -rwxr-sr-x 0:42 /usr/bin/chage from layer 1", IMPORTED))
        .withMessageEndingWith(String.format("  4.9 Ensure that COPY is used instead of ADD in Dockerfiles:%n"
            + "    %s%n"
            + "  4.11 Ensure only verified packages are installed:%n"
            + "    %s", IMPORTED, IMPORTED));
  }

  @Test
  void the_hardened_build_passes_everything_but_the_history_its_imported_base_lacks() {
    ContainerImage image = ContainerImage.fromDaemon(DebianRootfs.hardenedImage());
    assertThat(image).waiving(CisItem.CIS_4_7, "base imported from a reviewed debootstrap rootfs")
        .waiving(CisItem.CIS_4_9, "base imported from a reviewed debootstrap rootfs")
        .waiving(CisItem.CIS_4_11, "base imported from a reviewed debootstrap rootfs")
        .satisfiesCisDockerSection4();
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoSudo())
        .withMessageEndingWith(String.format("but could not decide:%n  %s",
            IMPORTED.substring("could not decide: ".length())));
  }
}
