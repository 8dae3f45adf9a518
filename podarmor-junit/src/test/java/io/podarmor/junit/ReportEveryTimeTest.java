package io.podarmor.junit;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A report every time: an image that cannot be read appears with its reason and no chip, also when it is the only
 * image of the run; each check names the test that made it; how a property was checked is said when it failed too.
 */
class ReportEveryTimeTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  @PodArmorTest
  static class UnreadableTestCase {
    @Test
    void hardened(ContainerImage image) {
      assertThat(image).hasNoSuidFiles();
    }
  }

  @PodArmorTest
  static class RootTestCase {
    @Test
    void nonRoot(ContainerImage image) {
      assertThat(image).runsAsNonRoot();
    }
  }

  @Test
  void an_image_that_cannot_be_read_is_in_the_report_with_its_reason_and_no_chip() throws Exception {
    Path dir = tmp.resolve("unreadable");
    Path missing = tmp.resolve("no-layout-here");

    Kit.run(UnreadableTestCase.class, "podarmor.image", "oci:" + missing, "podarmor.report.dir", dir.toString())
        .testEvents().assertStatistics(s -> s.failed(1));

    JsonNode image = JSON.readTree(dir.resolve("report.json").toFile()).get("images").get(0);
    Assertions.assertThat(image.get("reference").asText()).isEqualTo("oci:" + missing);
    Assertions.assertThat(image.get("digest").asText()).isEmpty();
    Assertions.assertThat(image.get("chips")).isEmpty();
    Assertions.assertThat(checks(image)).singleElement().satisfies(c -> {
      Assertions.assertThat(c.get("outcome").asText()).isEqualTo("cannot-decide");
      Assertions.assertThat(c.get("evidence").get(0).asText()).contains(missing.toString());
      Assertions.assertThat(c.get("test").asText()).isEqualTo("ReportEveryTimeTest$UnreadableTestCase > hardened(ContainerImage)");
    });
    Assertions.assertThat(dir.resolve("report.html")).content().contains("not read");
  }

  @Test
  void each_check_names_its_test_and_a_failed_property_says_how_it_was_checked() throws Exception {
    Path dir = tmp.resolve("root");
    Path layout = TestImage.named("report/root:1").layer(Layer.create().file("/app", "app", 0755))
        .writeOciLayout(tmp.resolve("root-layout"));

    Kit.run(RootTestCase.class, "podarmor.image", "oci:" + layout, "podarmor.report.dir", dir.toString())
        .testEvents().assertStatistics(s -> s.failed(1));

    JsonNode nonRoot = JSON.readTree(dir.resolve("report.json").toFile()).get("images").get(0).get("properties")
        .get(0);
    Assertions.assertThat(nonRoot.get("status").asText()).isEqualTo("failed");
    Assertions.assertThat(nonRoot.get("verifiedBy").asText()).isNotEmpty();
    Assertions.assertThat(nonRoot.get("checks").get(0).get("test").asText())
        .isEqualTo("ReportEveryTimeTest$RootTestCase > nonRoot(ContainerImage)");
  }

  @Test
  void the_contracts_are_tagged_so_a_build_can_select_them() {
    Assertions.assertThat(AnnotationSupport.findRepeatableAnnotations(CisDockerImageContract.class, Tag.class))
        .extracting(Tag::value).containsExactlyInAnyOrder("podarmor", "cis");
    Assertions.assertThat(AnnotationSupport.findRepeatableAnnotations(HardenedImageContract.class, Tag.class))
        .extracting(Tag::value).containsExactly("podarmor");
  }

  private static List<JsonNode> checks(JsonNode image) {
    List<JsonNode> out = new ArrayList<>();
    image.get("properties").forEach(p -> p.get("checks").forEach(out::add));
    return out;
  }
}
