package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DebianRootfs;
import org.junit.jupiter.api.Test;

/**
 * CIS section 4 on the real-world Debian images: the minbase is a {@code docker import} of a debootstrap rootfs, whose
 * history is that import (the base's root filesystem, like {@code ADD file:… in /}), so the history items decide; the
 * hardened build on top passes every item.
 */
class ImageAssert_debianCis_Test {
  @Test
  void an_imported_image_fails_the_items_it_breaks_with_evidence_and_passes_the_history_items() {
    ContainerImage image = ContainerImage.fromDaemon(DebianRootfs.minbaseImage());
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).satisfiesCisDockerSection4())
        .withMessageContaining(String.format("but found:%n"
            + "  4.1 Ensure that a user for the container has been created:%n"
            + "    User not set: uid 0 (root), gid 0 (primary group in /etc/passwd)%n"
            + "  4.6 Ensure that HEALTHCHECK instructions have been added to container images:%n"
            + "    no HEALTHCHECK%n"
            + "  4.8 Ensure setuid and setgid permissions are removed:%n"
            + "    -rwxr-sr-x 0:42 /usr/bin/chage from layer 1"))
        .withMessageNotContaining("4.7").withMessageNotContaining("4.9").withMessageNotContaining("4.11")
        .withMessageNotContaining("could not decide");
    assertThat(image).hasNoLoneUpdateInstructions().hasNoAddInstructions().installsVerifiedPackagesOnly()
        .hasNoSudo();
  }

  @Test
  void the_hardened_build_on_an_imported_base_passes_every_item() {
    ContainerImage image = ContainerImage.fromDaemon(DebianRootfs.hardenedImage());
    assertThat(image).satisfiesCisDockerSection4().hasNoSudo();
  }
}
