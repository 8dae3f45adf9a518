package io.podarmor.junit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.internal.record.CheckRecord;
import io.podarmor.internal.record.Outcome;
import io.podarmor.internal.record.Properties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardeningReportTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String OTHER = "sha256:" + "cd".repeat(32);

  @TempDir Path dir;

  private static CheckRecord check(String digest, String property, Outcome outcome, String... evidence) {
    return new CheckRecord("acme/api:1", digest, property, property + "()", outcome, "static: merged filesystem",
        List.of(evidence), outcome == Outcome.WAIVED ? "accepted until 2027-01" : null);
  }

  @Test
  void a_chip_appears_only_for_a_property_that_passed_and_never_failed() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Properties.NO_SUID, Outcome.PASSED));
    report.add(check(DIGEST, Properties.NON_ROOT, Outcome.PASSED));
    report.add(check(DIGEST, Properties.NON_ROOT, Outcome.FAILED, "uid 0"));
    report.add(check(DIGEST, Properties.NO_SHELL, Outcome.WAIVED));

    report.writeTo(dir);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    JsonNode image = json.get("images").get(0);
    assertThat(json.get("schemaVersion").asText()).isEqualTo("1");
    assertThat(image.get("digest").asText()).isEqualTo(DIGEST);
    assertThat(image.get("chips")).hasSize(1);
    assertThat(image.get("chips").get(0).get("label").asText()).isEqualTo("No SUID/SGID");
    assertThat(report.status(DIGEST, Properties.NON_ROOT)).isEqualTo(PropertyStatus.FAILED);
    assertThat(report.status(DIGEST, Properties.NO_SHELL)).isEqualTo(PropertyStatus.WAIVED);
    assertThat(report.status(DIGEST, Properties.SIGNED)).isEqualTo(PropertyStatus.NOT_CHECKED);
    assertThat(report.status(OTHER, Properties.NO_SUID)).isEqualTo(PropertyStatus.NOT_CHECKED);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("<span class=\"chip\" data-property=\"no-suid\">No SUID/SGID</span>")
        .doesNotContain("data-property=\"non-root\">Non-root</span>")
        .contains("waived: accepted until 2027-01")
        .doesNotContain("FIPS").doesNotContain("STIG");
  }

  @Test
  void badges_are_written_for_checked_properties_only() {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Properties.NO_SUID, Outcome.PASSED));
    report.add(check(DIGEST, Properties.HEALTHCHECK, Outcome.FAILED, "no HEALTHCHECK"));

    report.writeTo(dir);

    Path badges = dir.resolve("badges").resolve("abababababab");
    assertThat(badges.resolve("no-suid.svg")).content().contains(">verified<");
    assertThat(badges.resolve("healthcheck.svg")).content().contains(">failing<");
    assertThat(badges.resolve("signed.svg")).doesNotExist();
    assertThat(badges.resolve("sbom.svg")).doesNotExist();
  }

  @Test
  void a_runtime_failure_takes_the_chip_away_from_a_static_pass() {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Properties.NO_SHELL, Outcome.PASSED));
    report.add(check(DIGEST, Properties.RUNTIME_NO_SHELL, Outcome.FAILED, "/bin/sh -c true exited 0"));

    assertThat(report.status(DIGEST, Properties.NO_SHELL)).isEqualTo(PropertyStatus.FAILED);
  }

  @Test
  void evidence_from_an_image_is_escaped_in_html() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Properties.NO_SUID, Outcome.FAILED, "-rwsr-xr-x 0:0 /opt/<script>alert(1)</script>"));

    report.writeTo(dir);

    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("/opt/&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void the_chip_of_a_signature_names_the_signer() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Properties.SIGNED, Outcome.PASSED, "ci@acme.example (https://token.actions.example)"));

    report.writeTo(dir);

    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("Signed &middot; ci@acme.example (https://token.actions.example)</span>");
  }

  private static CheckRecord waived(String digest, String property, String assertion, String reason) {
    return new CheckRecord("acme/api:1", digest, property, assertion, Outcome.WAIVED, "static: image history",
        List.of(), reason);
  }

  private static CheckRecord passed(String property, String assertion, String... passEvidence) {
    return new CheckRecord("acme/api:1", DIGEST, property, assertion, Outcome.PASSED, "static", List.of(passEvidence),
        null);
  }

  @Test
  void a_property_that_passed_with_waivers_keeps_its_chip_and_counts_them() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Properties.CIS_4, Outcome.PASSED));
    report.add(waived(DIGEST, Properties.CIS_4, "cis4_7_noLoneUpdate()", "the base image's apt-get update, CVE-2026-1 <fixed>"));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Properties.CIS_4)).isEqualTo(PropertyStatus.PASSED);
    JsonNode image = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0);
    assertThat(image.get("chips").get(0).get("property").asText()).isEqualTo("cis-4");
    assertThat(image.get("chips").get(0).get("waivers").asInt()).isEqualTo(1);
    JsonNode cis = image.get("properties").get(5);
    assertThat(cis.get("property").asText()).isEqualTo("cis-4");
    assertThat(cis.get("status").asText()).isEqualTo("passed");
    assertThat(cis.get("waivers").asInt()).isEqualTo(1);
    assertThat(cis.get("checks").get(1).get("outcome").asText()).isEqualTo("waived");
    assertThat(cis.get("checks").get(1).get("waiverReason").asText())
        .isEqualTo("the base image's apt-get update, CVE-2026-1 <fixed>");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("<span class=\"chip\" data-property=\"cis-4\">CIS §4 &middot; 1 waived</span>")
        .contains("<span class=\"status passed\">passed, 1 waived</span>")
        .contains("<code>cis4_7_noLoneUpdate()</code> <span class=\"status waived\">waived: the base image&#39;s "
            + "apt-get update, CVE-2026-1 &lt;fixed&gt;</span>");
    assertThat(dir.resolve("badges/abababababab/cis-4.svg")).content().contains(">verified, 1 waived<");
  }

  @Test
  void a_property_whose_checks_were_all_waived_gets_no_chip_but_a_waived_row() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(waived(DIGEST, Properties.CIS_4, "cis4_9_noAdd()", "ADD of a local tarball, reviewed"));
    report.add(waived(DIGEST, Properties.CIS_4, "cis4_10_noSecrets()", null));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Properties.CIS_4)).isEqualTo(PropertyStatus.WAIVED);
    JsonNode image = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0);
    assertThat(image.get("chips")).isEmpty();
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).doesNotContain("class=\"chip\"")
        .contains("<span class=\"status waived\">waived</span>")
        .contains("<span class=\"status waived\">waived: ADD of a local tarball, reviewed</span>")
        .contains("<span class=\"status waived\">waived: no reason given</span>");
    assertThat(dir.resolve("badges/abababababab/cis-4.svg")).content().contains(">waived<");
  }

  @Test
  void a_failure_beside_a_waiver_fails_the_property() {
    HardeningReport report = new HardeningReport();
    report.add(waived(DIGEST, Properties.CIS_4, "cis4_9_noAdd()", "reviewed"));
    report.add(check(DIGEST, Properties.CIS_4, Outcome.FAILED, "ADD file:abc in /"));

    assertThat(report.status(DIGEST, Properties.CIS_4)).isEqualTo(PropertyStatus.FAILED);
  }

  @Test
  void chips_show_the_signer_the_sbom_formats_and_the_platforms_from_the_first_pass_evidence() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(passed(Properties.SIGNED, "isSigned()",
        "signed by ci@acme.example (issuer https://token.actions.example)", "certificate serial 1234"));
    report.add(passed(Properties.SIGNED, "isSignedBy(keyless(ops@acme.example))",
        "signed by ops@acme.example (issuer https://accounts.example)"));
    report.add(passed(Properties.SBOM, "hasSbom(SPDX_2_3)", "SPDX 2.3, CycloneDX 1.5"));
    report.add(passed(Properties.MULTI_ARCH, "supportsPlatforms(linux/amd64, linux/arm64)",
        "linux/amd64, linux/arm64"));
    report.add(passed(Properties.NO_SUID, "hasNoSuidFiles()", "ignored: no detail for this chip"));

    report.writeTo(dir);

    JsonNode chips = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0)
        .get("chips");
    assertThat(chips).extracting(c -> c.get("property").asText() + " = " + c.get("detail").asText())
        .containsExactly("no-suid = ",
            "sbom = SPDX 2.3, CycloneDX 1.5",
            "signed = ci@acme.example (issuer https://token.actions.example)",
            "multi-arch = linux/amd64, linux/arm64");
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("data-property=\"no-suid\">No SUID/SGID</span>")
        .contains("data-property=\"sbom\">SBOM &middot; SPDX 2.3, CycloneDX 1.5</span>")
        .contains("data-property=\"signed\">Signed &middot; ci@acme.example (issuer https://token.actions.example)</span>")
        .contains("data-property=\"multi-arch\">Multi-arch &middot; linux/amd64, linux/arm64</span>");
  }

  @Test
  void a_pass_without_evidence_gives_a_chip_without_detail() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(passed(Properties.SIGNED, "isSigned()"));

    report.writeTo(dir);

    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<span class=\"chip\" data-property=\"signed\">Signed</span>");
  }
}
