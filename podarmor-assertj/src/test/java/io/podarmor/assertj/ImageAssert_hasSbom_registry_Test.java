package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.testing.FakeRegistry;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code hasSbom} through the registry routes: referrers (tag fallback), cosign {@code .sbom} and {@code .att}. */
class ImageAssert_hasSbom_registry_Test {
  static final TestRegistry REGISTRY = TestRegistry.local();

  static String push(String repo) {
    return REGISTRY.push(repo, "1", TestManifest.of(PackageImages.DPKG, TestImage.Compression.GZIP,
        TestManifest.Format.OCI));
  }

  static String spdx(String describedHex, boolean withOpenssl) {
    return """
        {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","dataLicense":"CC0-1.0","name":"app",
         "documentNamespace":"https://example.invalid/app",
         "creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: sbom-test"]},
         "packages":[
          {"SPDXID":"SPDXRef-image","name":"app","downloadLocation":"NOASSERTION",
           "checksums":[{"algorithm":"SHA256","checksumValue":"%s"}]},
          {"SPDXID":"SPDXRef-b","name":"base-files","versionInfo":"12.4+deb12u5","downloadLocation":"NOASSERTION"},
          {"SPDXID":"SPDXRef-l","name":"login","versionInfo":"1:4.13+dfsg1-1+b1","downloadLocation":"NOASSERTION"}%s],
         "documentDescribes":["SPDXRef-image"]}
        """.formatted(describedHex, withOpenssl ? """
        ,{"SPDXID":"SPDXRef-o","name":"openssl","versionInfo":"3.0.11-1~deb12u2","downloadLocation":"NOASSERTION"}"""
        : "");
  }

  static TestManifest artifact(String type, byte[] payload, String subject) {
    return TestManifest.artifact(type, type, payload, TestManifest.OCI_MANIFEST, subject, 1, Map.of());
  }

  @Test
  void an_spdx_referrer_found_through_the_tag_fallback_describes_and_covers_the_image() {
    String digest = push("sbom/referrer");
    TestManifest sbom = artifact("application/spdx+json",
        spdx(digest.substring(7), true).getBytes(StandardCharsets.UTF_8), digest);
    String sbomDigest = REGISTRY.push("sbom/referrer", sbom.digest(), sbom);
    String index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,
          "artifactType":"application/spdx+json"}]}""".formatted(sbomDigest, sbom.size());
    REGISTRY.pushManifest("sbom/referrer", digest.replace(':', '-'), TestManifest.OCI_INDEX,
        index.getBytes(StandardCharsets.UTF_8));
    ContainerImage image = ContainerImage.fromRegistry(REGISTRY.host() + "/sbom/referrer@" + digest);

    assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid().describesImage().coversInstalledPackages();
  }

  @Test
  void a_cosign_attached_sbom_written_by_sbom_of_is_found_under_the_sbom_tag() {
    String digest = push("sbom/cosign-sbom");
    ContainerImage image = ContainerImage.fromRegistry(REGISTRY.host() + "/sbom/cosign-sbom@" + digest);
    REGISTRY.push("sbom/cosign-sbom", digest.replace(':', '-') + ".sbom",
        artifact("application/vnd.cyclonedx+json", Sbom.of(image).document(), digest));

    assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isValid().describesImage().coversInstalledPackages()
        .containsPackage("openssl", "3.0.11-1~deb12u2");
  }

  @Test
  void a_cosign_attestation_for_another_digest_missing_packages_fails_with_both_reasons() {
    String digest = push("sbom/cosign-att");
    String other = "0e".repeat(32);
    byte[] statement = SbomAttestations.statement("sha256:" + other, SbomAttestations.SPDX, spdx(other, false));
    byte[] envelope = SbomAttestations.envelope(statement, null).getBytes(StandardCharsets.UTF_8);
    REGISTRY.push("sbom/cosign-att", digest.replace(':', '-') + ".att", SbomAttestations.legacyAtt(envelope, digest));
    ContainerImage image = ContainerImage.fromRegistry(REGISTRY.host() + "/sbom/cosign-att@" + digest);

    SbomAssert sbom = assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid();
    String source = "in-toto attestation cosign tag " + digest.replace(':', '-') + ".att layer 0 (";
    assertThatExceptionOfType(AssertionError.class).isThrownBy(sbom::describesImage)
        .withMessageStartingWith("%nExpecting SBOM:%n  SPDX 2.3 (%s".formatted(source))
        .withMessageEndingWith("to describe image:%n  %s%nbut it describes:%n  sha256:%s".formatted(
            image.reference(), other));
    assertThatExceptionOfType(AssertionError.class).isThrownBy(sbom::coversInstalledPackages)
        .withMessageEndingWith(("but found:%n  missing: openssl 3.0.11-1~deb12u2 "
            + "(pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12)").formatted());
  }

  @Test
  void a_buildkit_attestation_manifest_in_the_index_is_found_and_does_not_count_as_a_platform() throws Exception {
    String repo = "sbom/buildkit";
    TestManifest platform = TestManifest.of(PackageImages.DPKG, TestImage.Compression.GZIP, TestManifest.Format.OCI);
    String digest = REGISTRY.push(repo, platform.digest(), platform);
    String statement = """
        {"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document",
         "subject":[{"name":"app","digest":{"sha256":"%s"}}],"predicate":%s}""".formatted(digest.substring(7),
        spdx(digest.substring(7), true));
    byte[] statementBytes = statement.getBytes(StandardCharsets.UTF_8);
    byte[] config = "{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = REGISTRY.pushBlob(repo, config);
    String layerDigest = REGISTRY.pushBlob(repo, statementBytes);
    String attestation = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},
         "layers":[{"mediaType":"application/vnd.in-toto+json","digest":"%s","size":%d,
          "annotations":{"in-toto.io/predicate-type":"https://spdx.dev/Document"}}]}"""
        .formatted(configDigest, config.length, layerDigest, statementBytes.length);
    byte[] attestationBytes = attestation.getBytes(StandardCharsets.UTF_8);
    String attestationDigest = REGISTRY.pushManifest(repo, "att", TestManifest.OCI_MANIFEST, attestationBytes);
    String index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,
          "platform":{"architecture":"amd64","os":"linux"}},
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,
          "platform":{"architecture":"unknown","os":"unknown"},
          "annotations":{"vnd.docker.reference.type":"attestation-manifest","vnd.docker.reference.digest":"%s"}}]}"""
        .formatted(digest, platform.size(), attestationDigest, attestationBytes.length, digest);
    REGISTRY.pushManifest(repo, "1", TestManifest.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));
    ContainerImage image = ContainerImage.fromRegistry(REGISTRY.host() + "/" + repo + ":1");

    org.assertj.core.api.Assertions.assertThat(image.digest()).isEqualTo(digest);
    org.assertj.core.api.Assertions.assertThat(image.platforms()).hasSize(1);
    assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid().describesImage().coversInstalledPackages();
  }

  @Test
  void referrers_api_serves_a_cyclonedx_sbom_and_a_schema_invalid_one_is_rejected_on_is_valid() {
    try (FakeRegistry fake = FakeRegistry.start().referrersApi()) {
      TestManifest platform = TestManifest.of(PackageImages.DPKG, TestImage.Compression.GZIP,
          TestManifest.Format.OCI);
      String digest = fake.push("sbom/referrers-api", platform.digest(), platform);
      ContainerImage image = ContainerImage.fromRegistry(fake.reference("sbom/referrers-api@" + digest));
      TestManifest good = artifact("application/vnd.cyclonedx+json", Sbom.of(image).document(), digest);
      fake.push("sbom/referrers-api", good.digest(), good);
      TestManifest bad = artifact("application/vnd.cyclonedx+json",
          "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"version\":\"one\"}"
              .getBytes(StandardCharsets.UTF_8), digest);
      fake.push("sbom/referrers-api", bad.digest(), bad);

      assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isValid().describesImage().coversInstalledPackages();
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_4).isValid())
          .withMessageContaining("to be valid CycloneDX 1.4%nbut found:%n  not valid against the CycloneDX 1.4 schema: "
              .formatted())
          .withMessageContaining("$.version");
    }
  }

  @Test
  void a_registry_image_without_sbom_names_every_route() {
    String digest = push("sbom/none");
    ContainerImage image = ContainerImage.fromRegistry(REGISTRY.host() + "/sbom/none@" + digest);
    String tag = digest.replace(':', '-');
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3))
        .withMessageEndingWith(("but found:%n  no SBOM%nlooked at:%n"
            + "  SBOM files in the image: *.json under /var/lib/db/sbom/, /usr/share/sbom/, /usr/local/share/sbom/, "
            + "/opt/sbom/, /sbom/%n"
            + "  OCI referrers of 127.0.0.1:5000/sbom/none@%s (and the %s tag)%n"
            + "  cosign tag 127.0.0.1:5000/sbom/none:%s.sbom%n"
            + "  cosign tag 127.0.0.1:5000/sbom/none:%s.att").formatted(digest, tag, tag, tag));
  }

  @Test
  void an_engine_image_pushed_to_the_registry_finds_its_sbom_there_by_repo_digest() {
    // GIVEN: pushed with docker push, which records the repo digest in the engine; new content each run, as the
    // registry keeps earlier runs' tags
    TestImage engine = TestImage.named(REGISTRY.host() + "/sbom/engine:1")
        .layer(io.podarmor.testing.Layer.create()
            .file("/etc/os-release", PackageImages.DEBIAN_OS_RELEASE, 0644)
            .file("/var/lib/dpkg/status", io.podarmor.testing.PackageDatabaseFixtures.DPKG_STATUS, 0644)
            .file("/app", "engine app " + java.util.UUID.randomUUID(), 0755));
    engine.loadIntoDocker();
    try {
      io.podarmor.testing.DockerCli.run("push", engine.reference());
      ContainerImage image = ContainerImage.fromDaemon(engine.reference());
      String tag = image.digest().replace(':', '-');
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5))
          .withMessageEndingWith(("  cosign tag 127.0.0.1:5000/sbom/engine:%s.sbom%n"
              + "  cosign tag 127.0.0.1:5000/sbom/engine:%s.att").formatted(tag, tag));
      REGISTRY.push("sbom/engine", tag + ".sbom",
          artifact("application/vnd.cyclonedx+json", Sbom.of(image).document(), image.digest()));

      // WHEN / THEN
      assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isValid().describesImage().coversInstalledPackages()
          .satisfies(s -> org.assertj.core.api.Assertions.assertThat(s.source()).startsWith("cosign tag " + tag
              + ".sbom"));
    } finally {
      engine.removeFromDocker();
    }
  }
}
