package io.podarmor.realimages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.assertj.ImageAssert;
import io.podarmor.assertj.PodArmorAssertions;
import io.podarmor.image.ContainerImage;
import io.podarmor.realimages.CorpusSources.Source;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-image corpus' verdicts: the hardening guide's images pass every property they claim, the unhardened ones
 * fail with the right evidence, through every source; and every source agrees with the engine on every verdict and
 * its evidence, but where a conversion dropped a field (skopeo's OCI config has no Healthcheck), which the test
 * checks is the conversion's doing.
 */
class RealImageCorpusTest {
  /** The checks, in the order of the expectation strings below. */
  static final Map<String, Consumer<ImageAssert>> CHECKS = new LinkedHashMap<>();

  static {
    CHECKS.put("runsAsNonRoot()", ImageAssert::runsAsNonRoot);
    CHECKS.put("hasNoSuidFiles()", ImageAssert::hasNoSuidFiles);
    CHECKS.put("hasNoShell()", ImageAssert::hasNoShell);
    CHECKS.put("hasNoPackageManager()", ImageAssert::hasNoPackageManager);
    CHECKS.put("hasHealthcheck()", ImageAssert::hasHealthcheck);
    CHECKS.put("hasNoWorldWritableFiles()", ImageAssert::hasNoWorldWritableFiles);
    CHECKS.put("hasNoSecrets()", ImageAssert::hasNoSecrets);
    CHECKS.put("hasNoLoneUpdateInstructions()", ImageAssert::hasNoLoneUpdateInstructions);
    CHECKS.put("hasNoAddInstructions()", ImageAssert::hasNoAddInstructions);
    CHECKS.put("installsVerifiedPackagesOnly()", ImageAssert::installsVerifiedPackagesOnly);
    CHECKS.put("hasNoSudo()", ImageAssert::hasNoSudo);
  }

  /** P passes, F fails, for each check of {@link #CHECKS} in order. */
  static final Map<String, String> EXPECTED = Map.of(
      "debian-import", "FFFFFPPPPPP",
      "legacy", "PFFFFPPPFPP",
      "buildkit", "PFFFFPPPFPP",
      "buildah-bud", "PFFFFPPPFPP",
      "buildah-scratch", "PPFPFPPPPPP",
      "podman", "PFFFFPPPFPP",
      "jib", "PPPPFPPPPPP",
      "distroless", "PPPPFPPPPPP",
      "guide-deploy", "PPPPPPPPPPP",
      "guide-build", "PPFPPPPPPPP");

  static Stream<Arguments> imagesAndSources() {
    return RealImages.all().stream().flatMap(image -> Stream.of(Source.values()).map(s -> Arguments.of(image, s)));
  }

  static Stream<RealImage> images() {
    return RealImages.all().stream();
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("imagesAndSources")
  void each_image_passes_what_it_claims_and_fails_what_it_lacks(RealImage real, Source source) throws IOException {
    // GIVEN
    ContainerImage image = CorpusSources.open(real, source);
    // WHEN
    Map<String, Verdict> verdicts = verdicts(image);
    // THEN
    String expected = EXPECTED.get(real.name());
    if (source == Source.OCI_LAYOUT && !hasHealthcheckKey(CorpusSources.layout(real))) {
      expected = expected.substring(0, 4) + "F" + expected.substring(5); // the conversion dropped it
    }
    StringBuilder actual = new StringBuilder();
    verdicts.values().forEach(v -> actual.append(v.outcome() == Outcome.PASSED ? 'P' : 'F'));
    assertThat(actual.toString()).as(real + " via " + source + ": " + verdicts.values()).isEqualTo(expected);
  }

  @Test
  void the_failures_name_the_right_evidence() {
    SoftAssertions softly = new SoftAssertions();
    Map<String, Verdict> legacy = verdicts(ContainerImage.fromDaemon(RealImages.docker("legacy", "", false)
        .reference()));
    softly.assertThat(legacy.get("hasNoSuidFiles()").evidence()).anySatisfy(l -> assertThat(l)
        .startsWith("-rwsr-xr-x 0:0 /usr/bin/passwd from layer 1"));
    softly.assertThat(legacy.get("hasNoPackageManager()").evidence()).anySatisfy(l -> assertThat(l)
        .contains("/usr/bin/dpkg from layer 1").endsWith(", in /usr/bin, on the PATH"));
    softly.assertThat(legacy.get("hasNoAddInstructions()").evidence()).singleElement().satisfies(l -> assertThat(l)
        .startsWith("history[3]: ADD file:").endsWith(" in /opt/notes.txt"));
    Map<String, Verdict> buildkit = verdicts(ContainerImage.fromDaemon(RealImages.docker("buildkit", "", true)
        .reference()));
    softly.assertThat(buildkit.get("hasNoAddInstructions()").evidence())
        .containsExactly("history[3]: ADD notes.txt /opt/notes.txt");
    Map<String, Verdict> scratch = verdicts(ContainerImage.fromDaemon(RealImages.buildahScratch().reference()));
    softly.assertThat(scratch.get("hasNoShell()").evidence())
        .containsExactly("/bin/busybox (by name, content identifies busybox)");
    Map<String, Verdict> imported = verdicts(ContainerImage.fromDaemon(RealImages.debianImport().reference()));
    softly.assertThat(imported.get("hasNoLoneUpdateInstructions()").outcome()).as("an imported base decides")
        .isEqualTo(Outcome.PASSED);
    ContainerImage build = ContainerImage.fromDaemon(RealImages.guide("guide-build", RealImages.BUILD_DOCKERFILE)
        .reference());
    PodArmorAssertions.assertThat(build).runsAsUid(65532).runsAsGid(65532).hasFile("/bin/sh");
    ContainerImage distroless = ContainerImage.fromDaemon(RealImages.distroless().reference());
    softly.assertThat(distroless.packages()).extracting(p -> p.name())
        .containsExactlyElementsOf(RealImages.DISTROLESS_PACKAGES);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void every_source_agrees_with_the_engine_but_for_what_a_conversion_dropped(RealImage real) throws IOException {
    // GIVEN
    Map<String, Verdict> engine = verdicts(CorpusSources.open(real, Source.ENGINE));
    SoftAssertions softly = new SoftAssertions();
    for (Source source : List.of(Source.DOCKER_ARCHIVE, Source.OCI_LAYOUT, Source.REGISTRY)) {
      // WHEN
      Map<String, Verdict> other = verdicts(CorpusSources.open(real, source));
      // THEN
      for (String check : CHECKS.keySet()) {
        Verdict e = engine.get(check);
        Verdict o = other.get(check);
        if (source == Source.OCI_LAYOUT && check.equals("hasHealthcheck()") && e.outcome() == Outcome.PASSED) {
          softly.assertThat(hasHealthcheckKey(CorpusSources.layout(real)))
              .as(real + ": skopeo's OCI config has no Healthcheck, so the layout's verdict is the conversion's")
              .isFalse();
          softly.assertThat(o.evidence()).as(real + " via " + source + ": " + check).containsExactly("no HEALTHCHECK");
          continue;
        }
        softly.assertThat(o.outcome() + " " + o.evidence()).as(real + " via " + source + ": " + check)
            .isEqualTo(e.outcome() + " " + e.evidence());
      }
    }
    softly.assertAll();
  }

  /** Every check's verdict on the image, by assertion. */
  static Map<String, Verdict> verdicts(ContainerImage image) {
    List<Verdict> heard = new ArrayList<>();
    try (Verdicts.Registration registration = Verdicts.register(heard::add)) {
      for (Consumer<ImageAssert> check : CHECKS.values()) {
        try {
          check.accept(PodArmorAssertions.assertThat(image));
        } catch (AssertionError expectedForSome) {
          // the verdict was heard
        }
      }
    }
    Map<String, Verdict> byAssertion = new LinkedHashMap<>();
    heard.forEach(v -> byAssertion.put(v.assertion(), v));
    return byAssertion;
  }

  /** Whether the layout's image config has a {@code Healthcheck}, read directly from its blobs. */
  static boolean hasHealthcheckKey(Path layout) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode index = json.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest = json.readTree(blob(layout, index.get("manifests").get(0).get("digest").asText()).toFile());
    JsonNode config = json.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile());
    return config.path("config").has("Healthcheck");
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }
}
