package io.podarmor.junit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardeningReportTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String OTHER = "sha256:" + "cd".repeat(32);

  @TempDir Path dir;

  private static Verdict check(String digest, Property property, Outcome outcome, String... evidence) {
    return new Verdict("acme/api:1", digest, property, "", property.key() + "()", outcome, "hold",
        outcome == Outcome.WAIVED ? List.of("accepted until 2027-01") : List.of(evidence), "static: merged filesystem");
  }

  @Test
  void a_chip_appears_only_for_a_property_that_passed_and_never_failed() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Property.NO_SUID, Outcome.PASSED));
    report.add(check(DIGEST, Property.NON_ROOT, Outcome.PASSED));
    report.add(check(DIGEST, Property.NON_ROOT, Outcome.FAILED, "uid 0"));
    report.add(check(DIGEST, Property.NO_SHELL, Outcome.WAIVED));

    report.writeTo(dir);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    JsonNode image = json.get("images").get(0);
    assertThat(json.get("schemaVersion").asText()).isEqualTo("1");
    assertThat(image.get("digest").asText()).isEqualTo(DIGEST);
    assertThat(image.get("chips")).hasSize(1);
    assertThat(image.get("chips").get(0).get("label").asText()).isEqualTo("No SUID/SGID");
    assertThat(report.status(DIGEST, Property.NON_ROOT)).isEqualTo(PropertyStatus.FAILED);
    assertThat(report.status(DIGEST, Property.NO_SHELL)).isEqualTo(PropertyStatus.WAIVED);
    assertThat(report.status(DIGEST, Property.SIGNED)).isEqualTo(PropertyStatus.NOT_CHECKED);
    assertThat(report.status(OTHER, Property.NO_SUID)).isEqualTo(PropertyStatus.NOT_CHECKED);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("<span class=\"chip\" data-property=\"no-suid\">No SUID/SGID</span>")
        .doesNotContain("data-property=\"non-root\">Non-root</span>")
        .contains("waived: accepted until 2027-01")
        .doesNotContain("FIPS").doesNotContain("STIG");
  }

  @Test
  void badges_are_written_for_checked_properties_only() {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Property.NO_SUID, Outcome.PASSED));
    report.add(check(DIGEST, Property.HEALTHCHECK, Outcome.FAILED, "no HEALTHCHECK"));

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
    report.add(check(DIGEST, Property.NO_SHELL, Outcome.PASSED));
    report.add(check(DIGEST, Property.RUNTIME_NO_SHELL, Outcome.FAILED, "/bin/sh -c true exited 0"));

    assertThat(report.status(DIGEST, Property.NO_SHELL)).isEqualTo(PropertyStatus.FAILED);
  }

  @Test
  void evidence_from_an_image_is_escaped_in_html() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Property.NO_SUID, Outcome.FAILED, "-rwsr-xr-x 0:0 /opt/<script>alert(1)</script>"));

    report.writeTo(dir);

    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("/opt/&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void the_chip_of_a_signature_names_the_signer() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(check(DIGEST, Property.SIGNED, Outcome.PASSED, "ci@acme.example (https://token.actions.example)"));

    report.writeTo(dir);

    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("Signed &middot; ci@acme.example (https://token.actions.example)</span>");
  }

  private static Verdict item(String cisItem, Property property, String assertion, Outcome outcome,
      String... evidence) {
    return new Verdict("acme/api:1", DIGEST, property, cisItem, assertion, outcome, "hold", List.of(evidence),
        "static: image history");
  }

  private static Verdict waived(String cisItem, String assertion, String reason) {
    return item(cisItem, Property.CIS_4, assertion, Outcome.WAIVED, reason);
  }

  private static Verdict passed(Property property, String assertion, String... passEvidence) {
    return new Verdict("acme/api:1", DIGEST, property, "", assertion, Outcome.PASSED, "hold", List.of(passEvidence),
        "static");
  }

  private static Verdict section(Outcome outcome) {
    return item(Verdict.CIS_SECTION_4, Property.CIS_4, "satisfiesCisDockerSection4()", outcome);
  }

  @Test
  void a_property_that_passed_with_waivers_keeps_its_chip_and_counts_them() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(section(Outcome.PASSED));
    report.add(waived("4.7", "hasNoLoneUpdateInstructions()", "the base image's apt-get update, CVE-2026-1 <fixed>"));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Property.CIS_4)).isEqualTo(PropertyStatus.PASSED);
    JsonNode image = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0);
    assertThat(image.get("chips").get(0).get("property").asText()).isEqualTo("cis-4");
    assertThat(image.get("chips").get(0).get("waivers").asInt()).isEqualTo(1);
    JsonNode cis = image.get("properties").get(6);
    assertThat(cis.get("property").asText()).isEqualTo("cis-4");
    assertThat(cis.get("status").asText()).isEqualTo("passed");
    assertThat(cis.get("waivers").asInt()).isEqualTo(1);
    assertThat(cis.get("checks").get(1).get("outcome").asText()).isEqualTo("waived");
    assertThat(cis.get("checks").get(1).get("cisItem").asText()).isEqualTo("4.7");
    assertThat(cis.get("checks").get(1).get("waiverReason").asText())
        .isEqualTo("the base image's apt-get update, CVE-2026-1 <fixed>");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("<span class=\"chip\" data-property=\"cis-4\">CIS §4 &middot; 1 waived</span>")
        .contains("<span class=\"status passed\">passed, 1 waived</span>")
        .contains("<code>hasNoLoneUpdateInstructions()</code> <span class=\"status waived\">waived: the base "
            + "image&#39;s apt-get update, CVE-2026-1 &lt;fixed&gt;</span>");
    assertThat(dir.resolve("badges/abababababab/cis-4.svg")).content().contains(">verified, 1 waived<");
  }

  @Test
  void a_property_whose_checks_were_all_waived_gets_no_chip_but_a_waived_row() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(waived("4.9", "hasNoAddInstructions()", "ADD of a local tarball, reviewed"));
    report.add(waived("4.10", "hasNoSecrets()", ""));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Property.CIS_4)).isEqualTo(PropertyStatus.WAIVED);
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
  void waivers_of_items_shown_under_other_properties_count_for_cis_section_4() throws Exception {
    // GIVEN the seven items of satisfiesCisDockerSection4(), waived one by one as the contract does, and 4.3 passed
    HardeningReport report = new HardeningReport();
    report.add(item("4.1", Property.NON_ROOT, "runsAsNonRoot()", Outcome.WAIVED, "runs as root by design"));
    report.add(item("4.6", Property.HEALTHCHECK, "hasHealthcheck()", Outcome.WAIVED, "probed by Kubernetes"));
    report.add(item("4.8", Property.NO_SUID, "hasNoSuidFiles()", Outcome.WAIVED, "ping needs it"));
    for (String id : List.of("4.7", "4.9", "4.10", "4.11")) {
      report.add(waived(id, "item" + id.replace('.', '_') + "()", "reviewed"));
    }
    report.add(item("4.3", Property.CIS_4, "hasNoPackages(curl)", Outcome.PASSED));

    report.writeTo(dir);

    // THEN the chip counts all seven waivers
    assertThat(report.status(DIGEST, Property.CIS_4)).isEqualTo(PropertyStatus.PASSED);
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<span class=\"chip\" data-property=\"cis-4\">CIS §4 &middot; 7 waived</span>");
    // and the waived items' own properties earn nothing: nothing verified them
    assertThat(report.status(DIGEST, Property.NON_ROOT)).isEqualTo(PropertyStatus.WAIVED);
    assertThat(report.status(DIGEST, Property.NO_SUID)).isEqualTo(PropertyStatus.WAIVED);
  }

  @Test
  void waiving_every_item_of_the_section_earns_no_chip() throws Exception {
    HardeningReport report = new HardeningReport();
    for (String id : List.of("4.1", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11")) {
      report.add(waived(id, "item" + id.replace('.', '_') + "()", "reviewed"));
    }
    report.add(section(Outcome.WAIVED));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Property.CIS_4)).isEqualTo(PropertyStatus.WAIVED);
    assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("class=\"chip\"");
    assertThat(dir.resolve("badges/abababababab/cis-4.svg")).content().contains(">waived<");
  }

  @Test
  void some_items_passing_check_part_of_the_section_and_earn_no_chip() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(item("4.8", Property.NO_SUID, "hasNoSuidFiles()", Outcome.PASSED));
    report.add(waived("4.9", "hasNoAddInstructions()", "reviewed"));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Property.NO_SUID)).isEqualTo(PropertyStatus.PASSED);
    assertThat(report.status(DIGEST, Property.CIS_4)).isEqualTo(PropertyStatus.PARTIAL);
    JsonNode image = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0);
    assertThat(image.get("chips")).extracting(c -> c.get("property").asText()).containsExactly("no-suid");
    assertThat(image.get("properties").get(6).get("status").asText()).isEqualTo("partial");
    assertThat(dir.resolve("badges/abababababab/cis-4.svg")).content().contains(">partly checked<");
  }

  @Test
  void a_failure_beside_a_waiver_fails_the_property() {
    HardeningReport report = new HardeningReport();
    report.add(waived("4.9", "hasNoAddInstructions()", "reviewed"));
    report.add(item("4.10", Property.CIS_4, "hasNoSecrets()", Outcome.FAILED, "Env AWS_SECRET_ACCESS_KEY=AKIA…"));

    assertThat(report.status(DIGEST, Property.CIS_4)).isEqualTo(PropertyStatus.FAILED);
  }

  @Test
  void a_check_that_could_not_decide_fails_the_property_and_shows_why() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(item("4.1", Property.NON_ROOT, "runsAsNonRoot()", Outcome.CANNOT_DECIDE,
        "/etc/passwd is a symlink to /proc/self/fd/0, which is not in the image"));

    report.writeTo(dir);

    assertThat(report.status(DIGEST, Property.NON_ROOT)).isEqualTo(PropertyStatus.FAILED);
    JsonNode check = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0)
        .get("properties").get(0).get("checks").get(0);
    assertThat(check.get("outcome").asText()).isEqualTo("cannot-decide");
    assertThat(check.get("evidence")).extracting(JsonNode::asText)
        .containsExactly("/etc/passwd is a symlink to /proc/self/fd/0, which is not in the image");
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<span class=\"status cannot-decide\">cannot-decide</span><pre>/etc/passwd is a symlink");
  }

  @Test
  void a_teams_own_property_gets_its_row_and_its_chip() throws Exception {
    Property noDebugPort = Property.of("no-debug-port", "No debug port", "Port 5005 is not exposed");
    HardeningReport report = new HardeningReport();
    report.add(passed(noDebugPort, "hasNoDebugPort()", "exposed: 8080/tcp"));

    report.writeTo(dir);

    JsonNode image = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("images").get(0);
    assertThat(image.get("chips")).extracting(c -> c.get("label").asText()).containsExactly("No debug port");
    JsonNode properties = image.get("properties");
    assertThat(properties.get(properties.size() - 2).get("property").asText()).isEqualTo("no-debug-port");
    assertThat(properties.get(properties.size() - 1).get("property").asText()).isEqualTo("other");
    assertThat(dir.resolve("badges/abababababab/no-debug-port.svg")).content().contains(">verified<");
  }

  @Test
  void chips_show_the_signer_the_sbom_formats_and_the_platforms_from_the_first_pass_evidence() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(passed(Property.SIGNED, "isSigned()",
        "signed by ci@acme.example (issuer https://token.actions.example)", "certificate serial 1234"));
    report.add(passed(Property.SIGNED, "isSignedBy(keyless(ops@acme.example))",
        "signed by ops@acme.example (issuer https://accounts.example)"));
    report.add(passed(Property.SBOM, "hasSbom(SPDX_2_3)", "SPDX 2.3, CycloneDX 1.5"));
    report.add(passed(Property.MULTI_ARCH, "supportsPlatforms(linux/amd64, linux/arm64)",
        "linux/amd64, linux/arm64"));
    report.add(passed(Property.NO_SUID, "hasNoSuidFiles()", "ignored: no detail for this chip"));

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
    report.add(passed(Property.SIGNED, "isSigned()"));

    report.writeTo(dir);

    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<span class=\"chip\" data-property=\"signed\">Signed</span>");
  }
}
