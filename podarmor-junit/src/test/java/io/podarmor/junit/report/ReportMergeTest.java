package io.podarmor.junit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging reports keeps every check as it was written, and refuses an input it cannot read, naming it. */
class ReportMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path tmp;

  private static Verdict verdict(Property property, String cisItem, Outcome outcome, List<String> evidence) {
    return new Verdict("acme/api:1", DIGEST, property, cisItem, "check()", outcome, "hold", evidence, "static");
  }

  @Test
  void a_merged_report_of_one_input_says_what_the_input_said() throws Exception {
    HardeningReport report = new HardeningReport();
    report.add(verdict(Property.NON_ROOT, "4.1", Outcome.PASSED, List.of()), "ApiTest > nonRoot()");
    report.add(verdict(Property.NO_SHELL, "", Outcome.FAILED, List.of("/bin/sh (by name)")), "ApiTest > shell()");
    report.add(verdict(Property.CIS_4, "4.9", Outcome.WAIVED, List.of("reviewed ADD")), "");
    report.add(verdict(Property.SIGNED, "", Outcome.CANNOT_DECIDE, List.of("no trusted root")), "");
    report.add(verdict(Property.of("no-debug-port", "No debug port", "No JDWP port exposed"), "", Outcome.PASSED,
        List.of()), "");
    report.add(new Verdict("acme/api:latest", DIGEST, Property.NO_SUID, "", "hasNoSuidFiles()", Outcome.PASSED,
        "hold", List.of(), "static"), "");
    report.writeTo(tmp.resolve("in"));

    ReportMerge.merge(tmp.resolve("out"), List.of(tmp.resolve("in/report.json")));

    ObjectNode in = (ObjectNode) JSON.readTree(tmp.resolve("in/report.json").toFile());
    ObjectNode out = (ObjectNode) JSON.readTree(tmp.resolve("out/report.json").toFile());
    in.remove("generatedAt");
    out.remove("generatedAt");
    assertThat(out).isEqualTo(in);
    assertThat(tmp.resolve("out/badges")).isDirectory();
  }

  @Test
  void an_input_that_cannot_be_read_stops_the_merge_naming_it() throws Exception {
    Path absent = tmp.resolve("shard-3");
    assertThatIllegalArgumentException().isThrownBy(() -> ReportMerge.merge(tmp.resolve("out"), List.of(absent)))
        .withMessage("cannot read the PodArmor report " + absent + " (NoSuchFileException);"
            + " expected a report.json a PodArmor run wrote");
    Path other = Files.writeString(tmp.resolve("other.json"), "{\"schemaVersion\":\"2\",\"images\":[]}");
    assertThatIllegalArgumentException().isThrownBy(() -> ReportMerge.merge(tmp.resolve("out"), List.of(other)))
        .withMessage("the PodArmor report " + other + " has schemaVersion '2'; expected 1");
    Path junk = Files.writeString(tmp.resolve("junk.json"), "not json");
    assertThatIllegalArgumentException().isThrownBy(() -> ReportMerge.merge(tmp.resolve("out"), List.of(junk)))
        .withMessageStartingWith("cannot read the PodArmor report " + junk + " (");
    // an outcome it does not know is not guessed (it was read as cannot-decide)
    Path unknown = Files.writeString(tmp.resolve("unknown.json"), "{\"schemaVersion\":\"1\",\"images\":[{"
        + "\"reference\":\"acme/api:1\",\"digest\":\"" + DIGEST + "\",\"properties\":[{\"property\":\"no-shell\","
        + "\"checks\":[{\"assertion\":\"hasNoShell()\",\"outcome\":\"passd\"}]}]}]}");
    assertThatIllegalArgumentException().isThrownBy(() -> ReportMerge.merge(tmp.resolve("out"), List.of(unknown)))
        .withMessage("the PodArmor report " + unknown + " has a check of no-shell on acme/api:1 with outcome 'passd';"
            + " expected one of [passed, failed, cannot-decide, waived]");
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
