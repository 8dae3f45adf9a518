package io.podarmor.junit;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.started;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.podarmor.image.ContainerImage;
import io.podarmor.junit.report.ReportMerge;
import io.podarmor.testing.Layer;
import io.podarmor.testing.RuntimeImages;
import io.podarmor.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A fleet class runs once per image of {@code podarmor.images}, each invocation named by its image, with its own
 * containers and its verdicts under its image; {@code podarmor.shard} takes a stable share; shard reports merge.
 */
class PodArmorFleetTest {
  static final List<String> seen = new CopyOnWriteArrayList<>();
  static Path hardened;
  static Path alsoHardened;
  static Path withShell;

  @TempDir static Path tmp;

  @BeforeAll
  static void images() {
    RuntimeImages.shellless();
    RuntimeImages.root();
    hardened = TestImage.named("fleet/api:1").user("65532:65532")
        .layer(Layer.create().file("/app", "api", 0755)).writeOciLayout(tmp.resolve("api"));
    alsoHardened = TestImage.named("fleet/web:1").user("65532:65532")
        .layer(Layer.create().file("/app", "web", 0755)).writeOciLayout(tmp.resolve("web"));
    withShell = TestImage.named("fleet/tools:1").user("65532:65532")
        .layer(Layer.create().file("/bin/sh", "#!shell", 0755)).writeOciLayout(tmp.resolve("tools"));
  }

  @BeforeEach
  void reset() {
    seen.clear();
  }

  @PodArmorFleet
  static class FleetTestCase {
    @Test
    void hasNoShell(ContainerImage image) {
      seen.add(image.reference());
      assertThat(image).hasNoShell();
    }
  }

  @PodArmorFleet
  static class FleetContractTestCase implements HardenedImageContract {}

  private static String list(Path... layouts) {
    List<String> references = new ArrayList<>();
    for (Path layout : layouts) {
      references.add("oci:" + layout);
    }
    return String.join(",", references);
  }

  @Test
  void a_fleet_class_runs_once_per_image_each_invocation_named_by_its_image() {
    EngineExecutionResults results = Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES,
        list(hardened, withShell, alsoHardened));

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
    results.containerEvents().assertThatEvents()
        .haveExactly(1, event(container(), started(), displayName("[1] oci:" + hardened)))
        .haveExactly(1, event(container(), started(), displayName("[2] oci:" + withShell)))
        .haveExactly(1, event(container(), started(), displayName("[3] oci:" + alsoHardened)));
    results.testEvents().failed().assertThatEvents().haveExactly(1, event(test("hasNoShell"),
        finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.contains("/bin/sh")))));
    assertThat(seen).containsExactly("oci:" + hardened, "oci:" + withShell, "oci:" + alsoHardened);
  }

  @Test
  void a_contract_runs_per_image_of_the_fleet_and_each_image_s_containers_are_removed() {
    EngineExecutionResults results = Kit.run(FleetContractTestCase.class, PodArmorConfiguration.IMAGES,
        "podarmor-test-ext/shellless:1,podarmor-test-ext/root:1");

    // the root image fails its non-root and HEALTHCHECK tests; everything else passes, the runtime check included
    results.testEvents().assertStatistics(s -> s.started(12).succeeded(10).failed(2));
    results.containerEvents().assertThatEvents()
        .haveExactly(1, event(container(), started(), displayName("[1] podarmor-test-ext/shellless:1")))
        .haveExactly(1, event(container(), started(), displayName("[2] podarmor-test-ext/root:1")));
    assertThat(Kit.containersOf("podarmor-test-ext/shellless:1")).isEmpty();
    assertThat(Kit.containersOf("podarmor-test-ext/root:1")).isEmpty();
  }

  @Test
  void shards_take_disjoint_stable_shares_that_cover_the_list() throws Exception {
    Path file = Files.writeString(tmp.resolve("images.txt"), "# the fleet\noci:" + hardened + "\n\noci:" + withShell
        + "\noci:" + alsoHardened + "\n");
    List<String> all = new ArrayList<>();
    for (String shard : List.of("1/2", "2/2")) {
      seen.clear();
      Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES, "@" + file, PodArmorConfiguration.SHARD, shard);
      all.addAll(seen);
      if (shard.equals("1/2")) {
        assertThat(seen).containsExactly("oci:" + hardened, "oci:" + alsoHardened);
      } else {
        assertThat(seen).containsExactly("oci:" + withShell);
      }
    }
    assertThat(all).containsExactlyInAnyOrder("oci:" + hardened, "oci:" + withShell, "oci:" + alsoHardened);
    seen.clear();
    EngineExecutionResults empty = Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES, "@" + file,
        PodArmorConfiguration.SHARD, "4/4");
    empty.testEvents().assertStatistics(s -> s.started(0));
    assertThat(seen).isEmpty();
  }

  @Test
  void a_fleet_without_images_or_with_a_bad_shard_is_a_configuration_error() {
    Kit.run(FleetTestCase.class).containerEvents().assertThatEvents().haveExactly(1, event(
        finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(m -> m.startsWith(
            "No images for the fleet class " + FleetTestCase.class.getName() + ": list them in the configuration"
                + " parameter podarmor.images")))));
    Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES, list(hardened), PodArmorConfiguration.SHARD, "3/2")
        .containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class), message("Invalid configuration parameter"
                + " podarmor.shard '3/2': expected i/n with 1 <= i <= n, e.g. 2/8 for the second of eight shards"))));
    Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES, "@" + tmp.resolve("absent.txt"))
        .containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class), message(m -> m.startsWith("Invalid configuration"
                + " parameter podarmor.images '@" + tmp.resolve("absent.txt") + "': cannot read the file of image"
                + " references (NoSuchFileException")))));
  }

  @Test
  void two_shards_write_reports_that_merge_into_one_with_every_image() throws Exception {
    String images = list(hardened, withShell, alsoHardened);
    Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES, images, PodArmorConfiguration.SHARD, "1/2",
        PodArmorConfiguration.REPORT_DIR, tmp.resolve("shard-1").toString());
    Kit.run(FleetTestCase.class, PodArmorConfiguration.IMAGES, images, PodArmorConfiguration.SHARD, "2/2",
        PodArmorConfiguration.REPORT_DIR, tmp.resolve("shard-2").toString());
    assertThat(tmp.resolve("shard-1/report.json")).content().contains("oci:" + hardened)
        .doesNotContain("oci:" + withShell);

    Path html = ReportMerge.merge(tmp.resolve("merged"), List.of(tmp.resolve("shard-1"),
        tmp.resolve("shard-2/report.json")));

    String json = Files.readString(tmp.resolve("merged/report.json"));
    assertThat(json).contains("\"reference\" : \"oci:" + hardened + "\"", "\"reference\" : \"oci:" + withShell + "\"",
        "\"reference\" : \"oci:" + alsoHardened + "\"");
    String page = Files.readString(html);
    assertThat(page).contains("<h2>Fleet overview</h2>")
        .contains("<tr data-image=\"oci:" + withShell + "\">")
        .contains("<td data-property=\"no-shell\" data-sort=\"3\"><span class=\"status failed\">failed</span></td>");
    // each shard's tests are named beside their checks
    assertThat(json).contains("\"test\" : \"[1] oci:" + hardened + " > hasNoShell(ContainerImage)\"");
  }
}
