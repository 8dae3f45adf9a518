package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.testing.Layer;
import io.podarmor.testing.PackageDatabaseFixtures;
import io.podarmor.testing.TestImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code hasSbom(format)} and {@link SbomAssert} on SBOM files the image ships, through every source. */
class ImageAssert_hasSbom_Test {
  static final String OTHER_DIGEST = "sha256:" + "0f".repeat(32);

  /** SPDX 2.3 listing base-files and login (login in another version), not openssl. */
  static final String SPDX = """
      {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","dataLicense":"CC0-1.0","name":"app",
       "documentNamespace":"https://example.invalid/app",
       "creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: sbom-test"]},
       "packages":[
        {"SPDXID":"SPDXRef-image","name":"app","downloadLocation":"NOASSERTION",
         "checksums":[{"algorithm":"SHA256","checksumValue":"%s"}]},
        {"SPDXID":"SPDXRef-base-files","name":"base-files","versionInfo":"12.4+deb12u5",
         "downloadLocation":"NOASSERTION"},
        {"SPDXID":"SPDXRef-login","name":"login","versionInfo":"1:4.13+dfsg1-1","downloadLocation":"NOASSERTION"}],
       "documentDescribes":["SPDXRef-image"]}
      """.formatted(OTHER_DIGEST.substring(7));

  /** CycloneDX 1.5 listing all three dpkg packages by purl. */
  static final String CDX = """
      {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
       "components":[
        {"type":"library","name":"base-files","version":"12.4+deb12u5",
         "purl":"pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64"},
        {"type":"library","name":"login","version":"1:4.13+dfsg1-1+b1"},
        {"type":"library","name":"openssl","version":"3.0.11-1~deb12u2"}]}
      """;

  static final TestImage WITH_SBOMS = TestImage.named(SourceImages.PREFIX + "sbom-in-image:1")
      .layer(Layer.create()
          .file("/etc/os-release", PackageImages.DEBIAN_OS_RELEASE, 0644)
          .file("/var/lib/dpkg/status", PackageDatabaseFixtures.DPKG_STATUS, 0644)
          .file("/usr/share/sbom/app.spdx.json", SPDX, 0644)
          .file("/var/lib/db/sbom/app.cdx.json", CDX, 0644));

  static final TestImage BROKEN_SBOMS = TestImage.named(SourceImages.PREFIX + "sbom-broken:1")
      .layer(Layer.create()
          .file("/usr/share/sbom/a-malformed.json", "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": }", 0644)
          .file("/usr/share/sbom/b-invalid.cdx.json",
              "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":\"one\"}", 0644)
          .file("/usr/share/sbom/c-incomplete.spdx.json",
              "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"x\"}", 0644));

  static final TestImage NO_SBOM = TestImage.named(SourceImages.PREFIX + "sbom-none:1")
      .layer(Layer.create().file("/app", "app", 0755));

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, WITH_SBOMS, BROKEN_SBOMS, NO_SBOM);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void finds_a_cyclonedx_file_that_covers_every_installed_package(Source source) {
    ContainerImage image = images.open(WITH_SBOMS, source);
    assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isValid().coversInstalledPackages()
        .containsPackage("openssl").containsPackage("login", "1:4.13+dfsg1-1+b1").doesNotContainPackage("bash");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void an_spdx_file_missing_packages_fails_coverage_listing_what_is_missing_and_what_differs(Source source) {
    ContainerImage image = images.open(WITH_SBOMS, source);
    SbomAssert spdx = assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid();
    assertThatExceptionOfType(AssertionError.class).isThrownBy(spdx::coversInstalledPackages)
        .withMessage("%nExpecting SBOM:%n  SPDX 2.3 (in-image file /usr/share/sbom/app.spdx.json)%n"
            + "to list every package installed in image:%n  %s@%s%nbut found:%n"
            + "  missing: openssl 3.0.11-1~deb12u2 (pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12)%n"
            + "  differs: login 1:4.13+dfsg1-1+b1 installed, 1:4.13+dfsg1-1 in the SBOM",
            image.reference(), image.digest());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void an_sbom_naming_another_digest_fails_describes_image_naming_both(Source source) {
    ContainerImage image = images.open(WITH_SBOMS, source);
    SbomAssert spdx = assertThat(image).hasSbom(SbomFormat.SPDX_2_3);
    assertThatExceptionOfType(AssertionError.class).isThrownBy(spdx::describesImage)
        .withMessage("%nExpecting SBOM:%n  SPDX 2.3 (in-image file /usr/share/sbom/app.spdx.json)%n"
            + "to describe image:%n  %s@%s%nbut it describes:%n  %s",
            image.reference(), image.digest(), OTHER_DIGEST);
    new SbomAssert(Sbom.of(image), image).describesImage().coversInstalledPackages();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void another_version_of_the_format_is_not_the_format_asked_for(Source source) {
    ContainerImage image = images.open(WITH_SBOMS, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_6))
        .withMessage("%nExpecting image:%n  %s@%s%nto have an SBOM in format:%n  CycloneDX 1.6%nbut found:%n"
            + "  SPDX 2.3 (in-image file /usr/share/sbom/app.spdx.json)%n"
            + "  CycloneDX 1.5 (in-image file /var/lib/db/sbom/app.cdx.json)%n"
            + "looked at:%n  SBOM files in the image: *.json under /var/lib/db/sbom/, /usr/share/sbom/, "
            + "/usr/local/share/sbom/, /opt/sbom/, /sbom/%s",
            image.reference(), image.digest(), sourceRoutes(image, source));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void malformed_and_invalid_sboms_are_rejected_with_their_reasons(Source source) {
    ContainerImage image = images.open(BROKEN_SBOMS, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_4))
        .withMessageContaining("%n  SBOM from in-image file /usr/share/sbom/a-malformed.json is not valid JSON: "
            .formatted())
        .withMessageContaining("at line 2, column");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isValid())
        .withMessageStartingWith("%nExpecting SBOM:%n  CycloneDX 1.5 (in-image file /usr/share/sbom/b-invalid.cdx.json)%n"
            .formatted() + "to be valid CycloneDX 1.5%nbut found:%n  not valid against the CycloneDX 1.5 schema: "
            .formatted())
        .withMessageContaining("$.version");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid())
        .withMessage(("%nExpecting SBOM:%n  SPDX 2.3 (in-image file /usr/share/sbom/c-incomplete.spdx.json)%n"
            + "to be valid SPDX 2.3%nbut found:%n  missing \"dataLicense\"%n  missing \"documentNamespace\"%n"
            + "  missing \"creationInfo\"%n"
            + "  no \"DESCRIBES\" relationship from SPDXRef-DOCUMENT and no \"documentDescribes\"").formatted());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void an_image_without_sbom_fails_listing_every_route_looked_at(Source source) {
    ContainerImage image = images.open(NO_SBOM, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3))
        .withMessage("%nExpecting image:%n  %s@%s%nto have an SBOM in format:%n  SPDX 2.3%nbut found:%n"
            + "  no SBOM%nlooked at:%n  SBOM files in the image: *.json under /var/lib/db/sbom/, /usr/share/sbom/, "
            + "/usr/local/share/sbom/, /opt/sbom/, /sbom/%s",
            image.reference(), image.digest(), sourceRoutes(image, source));
  }

  /**
   * The route the source adds: an OCI layout's referrers and cosign tags listed in its index.json; for an engine
   * image loaded here (no repo digest), why its registry is not looked at.
   */
  static String sourceRoutes(ContainerImage image, Source source) {
    if (source == Source.ENGINE) {
      return String.format("%n  the engine image's registry: not looked up, %s has no repo digest (it was built or"
          + " loaded here, never pushed or pulled); check the image in its registry instead, e.g."
          + " ContainerImage.fromRegistry(\"registry/repository@sha256:…\")", image.reference());
    }
    if (source != Source.OCI_LAYOUT) {
      return "";
    }
    String tag = image.digest().replace(':', '-');
    return String.format("%n  referrers of %s and cosign tags %s.sbom, %s.att in %s/index.json", image.digest(), tag,
        tag, image.reference());
  }

  @Test
  void the_pass_is_recorded_with_the_format_first_then_where_the_sbom_was_found() {
    ContainerImage image = images.open(WITH_SBOMS, Source.OCI_LAYOUT);
    List<Verdict> records = new CopyOnWriteArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5);
    } finally {
      registration.close();
    }
    org.assertj.core.api.Assertions.assertThat(records).singleElement().satisfies(r -> {
      org.assertj.core.api.Assertions.assertThat(r.property()).isEqualTo(io.podarmor.verdict.Property.SBOM);
      org.assertj.core.api.Assertions.assertThat(r.evidence())
          .containsExactly("CycloneDX 1.5", "CycloneDX 1.5 (in-image file /var/lib/db/sbom/app.cdx.json)");
    });
  }
}
