package io.podarmor.junit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.assertj.AbstractImageAssert;
import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdicts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's own assertion class adds a property; its verdicts land in the report beside the built-in ones. */
class TeamPropertyReportTest {
  static final Property OWNED = Property.of("owned", "Owned", "The image names the team that owns it");

  /** What a team writes: PodArmor's checks, plus its own. */
  static final class TeamImageAssert extends AbstractImageAssert<TeamImageAssert> {
    TeamImageAssert(ContainerImage actual) {
      super(actual, TeamImageAssert.class);
    }

    TeamImageAssert isOwned() {
      return satisfiesProperty(OWNED, "isOwned()", "name its owning team in the label acme.team",
          "static: the config's labels",
          image -> image.config().labels().containsKey("acme.team") ? List.of() : List.of("no label acme.team"));
    }
  }

  @TempDir Path tmp;

  private ContainerImage image(String name, boolean owned) {
    TestImage image = TestImage.named("team/" + name + ":1").user("65532")
        .layer(Layer.create().file("/app", name, 0755));
    return ContainerImage.fromOciLayout((owned ? image.label("acme.team", "payments") : image)
        .writeOciLayout(tmp.resolve(name)));
  }

  @Test
  void its_verdict_is_a_row_and_a_chip_beside_the_built_in_ones() throws Exception {
    // GIVEN
    HardeningReport report = new HardeningReport();
    ContainerImage owned = image("owned", true);
    // WHEN
    try (Verdicts.Registration run = Verdicts.register(report)) {
      new TeamImageAssert(owned).runsAsNonRoot().isOwned();
    }
    report.writeTo(tmp.resolve("report"));
    // THEN
    assertThat(report.status(owned.digest(), OWNED)).isEqualTo(PropertyStatus.PASSED);
    JsonNode image = new ObjectMapper().readTree(tmp.resolve("report/report.json").toFile()).get("images").get(0);
    assertThat(image.get("chips")).extracting(c -> c.get("property").asText()).containsExactly("non-root", "owned");
    assertThat(image.get("properties")).filteredOn(p -> p.get("property").asText().equals("owned"))
        .singleElement().satisfies(p -> {
          assertThat(p.get("label").asText()).isEqualTo("Owned");
          assertThat(p.get("verifiedBy").asText()).isEqualTo("static: the config's labels");
          assertThat(p.get("checks").get(0).get("assertion").asText()).isEqualTo("isOwned()");
        });
  }

  @Test
  void its_failure_reads_like_a_built_in_one_and_fails_its_row() {
    // GIVEN
    HardeningReport report = new HardeningReport();
    ContainerImage unowned = image("unowned", false);
    // WHEN / THEN
    try (Verdicts.Registration run = Verdicts.register(report)) {
      assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> new TeamImageAssert(unowned).isOwned())
          .withMessage(String.format("%nExpecting image:%n  %s%nto name its owning team in the label acme.team%n"
              + "but found:%n  no label acme.team", unowned.reference() + "@" + unowned.digest()));
    }
    assertThat(report.status(unowned.digest(), OWNED)).isEqualTo(PropertyStatus.FAILED);
  }
}
