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
}
