package io.podarmor.assertj;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.supplychain.SbomPackage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SbomAssert} on an SBOM on its own: package checks and their pinned messages. */
class SbomAssertTest {
  static final Sbom SBOM = new Sbom(SbomFormat.CYCLONEDX_1_6, List.of(), List.of(
      new SbomPackage("openssl", "3.0.11-1~deb12u2", "pkg:deb/debian/openssl@3.0.11-1~deb12u2"),
      new SbomPackage("bash", "5.2.15-2+b2", null)), "file /tmp/x.cdx.json", List.of(), new byte[0]);

  @Test
  void contains_package_passes_by_name_and_by_name_and_version() {
    new SbomAssert(SBOM).isValid().containsPackage("openssl").containsPackage("bash", "5.2.15-2+b2")
        .doesNotContainPackage("dash");
  }

  @Test
  void contains_package_fails_naming_the_versions_listed() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> new SbomAssert(SBOM).containsPackage("openssl", "3.0.13-1~deb12u1"))
        .withMessage(String.format("%nExpecting SBOM:%n  CycloneDX 1.6 (file /tmp/x.cdx.json)%n"
            + "to contain package:%n  openssl 3.0.13-1~deb12u1%nbut found:%n  openssl 3.0.11-1~deb12u2"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> new SbomAssert(SBOM).containsPackage("curl"))
        .withMessage(String.format("%nExpecting SBOM:%n  CycloneDX 1.6 (file /tmp/x.cdx.json)%n"
            + "to contain package:%n  curl%nbut found:%n  no package named curl among 2"));
  }

  @Test
  void does_not_contain_package_fails_with_the_package_and_its_purl() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> new SbomAssert(SBOM).doesNotContainPackage("openssl"))
        .withMessage(String.format("%nExpecting SBOM:%n  CycloneDX 1.6 (file /tmp/x.cdx.json)%n"
            + "not to contain package:%n  openssl%nbut found:%n"
            + "  openssl 3.0.11-1~deb12u2 (pkg:deb/debian/openssl@3.0.11-1~deb12u2)"));
  }

  @Test
  void image_checks_need_the_image() {
    assertThatIllegalStateException().isThrownBy(() -> new SbomAssert(SBOM).describesImage())
        .withMessage("describesImage() needs the image: use assertThat(image).hasSbom(format)"
            + " or new SbomAssert(sbom, image)");
  }

  @Test
  void assertThat_an_sbom_is_an_entry_point_hard_and_soft() {
    PodArmorAssertions.assertThat(SBOM).isValid().containsPackage("openssl");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> PodArmorAssertions.assertThat(SBOM).doesNotContainPackage("bash"))
        .withMessageContaining("not to contain package:%n  bash%nbut found:%n  bash 5.2.15-2+b2".formatted());
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    softly.assertThat(SBOM).doesNotContainPackage("bash").containsPackage("curl");
    org.assertj.core.api.Assertions.assertThat(softly.errorsCollected()).hasSize(2);
  }
}
