package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DebianRootfs;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No false positives on a real distribution: Debian bookworm minbase and its hardened variant ship certificates,
 * documentation, package scripts and libraries with key-handling code, and no secret.
 */
class ImageAssert_hasNoSecrets_debian_Test {

  static Stream<Named<ContainerImage>> debian() {
    return Stream.of(Named.of("minbase", DebianRootfs.minbase()), Named.of("hardened", DebianRootfs.hardened()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("debian")
  void a_debian_image_has_no_secrets(ContainerImage image) {
    assertThat(image).hasNoSecrets();
  }
}
