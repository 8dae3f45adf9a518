package io.podarmor.junit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated reports in a real browser, Debian's headless {@code chromium} (which {@code .ci/run} installs), and
 * looks at what rendered: the screenshot's pixels and the DOM after parsing. Chromium reads one {@code file://} page,
 * with a throwaway profile and every background network feature off. Needs a chromium binary on the PATH (.ci/run
 * installs Debian's); without one the tests fail, saying so.
 */
class ReportBrowserTest {
  /** The chips' background in {@link ReportHtml}'s CSS: {@code #2e7d32}. */
  private static final int CHIP_GREEN = 0x2e7d32;
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 900;
  private static final Pattern CHIP = Pattern.compile("<span class=\"chip\" data-property=\"([^\"]+)\">([^<]*)</span>");
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  static Path chromium;

  @TempDir Path tmp;

  @BeforeAll
  static void findChromium() {
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
        .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
        .filter(Files::isExecutable).findFirst();
    // required like the engine and the registry: a skipped browser check would prove nothing
    chromium = found.orElseThrow(() -> new IllegalStateException("no chromium binary on the PATH: install Debian's"
        + " chromium (.ci/run does) to check the report in a real browser"));
  }

  private static Verdict record(Property property, String cisItem, String assertion, Outcome outcome,
      List<String> evidence) {
    return new Verdict("acme/api:1.4.2", DIGEST, property, cisItem, assertion, outcome, "hold", evidence, "static");
  }

  @Test
  void the_chips_of_verified_properties_render_green_with_their_details() throws Exception {
    // GIVEN
    HardeningReport report = new HardeningReport();
    report.add(record(Property.NON_ROOT, "4.1", "runsAsNonRoot()", Outcome.PASSED, List.of()));
    report.add(record(Property.NO_SHELL, "", "hasNoShell()", Outcome.FAILED, List.of("/bin/sh (by name)")));
    report.add(record(Property.CIS_4, Verdict.CIS_SECTION_4, "satisfiesCisDockerSection4()", Outcome.PASSED,
        List.of()));
    report.add(record(Property.CIS_4, "4.9", "hasNoAddInstructions()", Outcome.WAIVED, List.of("reviewed ADD")));
    report.add(record(Property.SIGNED, "", "isSigned()", Outcome.PASSED,
        List.of("signed by ci@acme.example (issuer https://token.actions.example)")));
    report.add(record(Property.SBOM, "", "hasSbom(SPDX_2_3)", Outcome.PASSED, List.of("SPDX 2.3")));
    report.add(record(Property.MULTI_ARCH, "", "supportsPlatforms(linux/amd64, linux/arm64)", Outcome.PASSED,
        List.of("linux/amd64, linux/arm64")));
    Path html = report.writeTo(tmp.resolve("report"));
    // WHEN
    Rendered page = render(html);
    // THEN
    assertThat(page.screenshot.getWidth()).isEqualTo(WIDTH);
    assertThat(page.screenshot.getHeight()).isEqualTo(HEIGHT);
    assertThat(greenPixels(page.screenshot, 0, 0, WIDTH, 300)).as("chip-green pixels in the chip row")
        .isGreaterThan(5 * 1000);
    assertThat(page.chips()).containsExactly(
        "non-root: Non-root",
        "cis-4: CIS §4 · 1 waived",
        "sbom: SBOM · SPDX 2.3",
        "signed: Signed · ci@acme.example (issuer https://token.actions.example)",
        "multi-arch: Multi-arch · linux/amd64, linux/arm64");
  }

  @Test
  void a_report_with_no_passing_property_renders_no_chip() throws Exception {
    // GIVEN
    HardeningReport report = new HardeningReport();
    report.add(record(Property.NON_ROOT, "4.1", "runsAsNonRoot()", Outcome.FAILED, List.of("User not set: uid 0")));
    report.add(record(Property.CIS_4, "4.9", "hasNoAddInstructions()", Outcome.WAIVED, List.of("reviewed ADD")));
    Path html = report.writeTo(tmp.resolve("report"));
    // WHEN
    Rendered page = render(html);
    // THEN
    assertThat(page.screenshot.getWidth()).isEqualTo(WIDTH);
    assertThat(greenPixels(page.screenshot, 0, 0, WIDTH, HEIGHT)).isZero();
    assertThat(page.chips()).isEmpty();
    assertThat(page.dom).contains("<span class=\"nochips\">No property verified</span>")
        .contains("<span class=\"status waived\">waived: reviewed ADD</span>");
  }

  @Test
  void two_shard_reports_merge_into_one_that_opens_with_a_sortable_fleet_overview() throws Exception {
    // GIVEN: two shards' reports, three images; only api and web verified no shell, tools failed it
    HardeningReport first = new HardeningReport();
    first.add(fleetVerdict("acme/tools:1", "cd", Property.NO_SHELL, Outcome.FAILED, List.of("/bin/sh (by name)")));
    first.add(fleetVerdict("acme/tools:1", "cd", Property.NON_ROOT, Outcome.PASSED, List.of()));
    first.add(fleetVerdict("acme/api:1", "ab", Property.NO_SHELL, Outcome.PASSED, List.of()));
    first.writeTo(tmp.resolve("shard-1"));
    HardeningReport second = new HardeningReport();
    second.add(fleetVerdict("acme/web:1", "ef", Property.NO_SHELL, Outcome.PASSED, List.of()));
    second.add(fleetVerdict("acme/web:1", "ef", Property.NON_ROOT, Outcome.FAILED, List.of("uid 0")));
    second.writeTo(tmp.resolve("shard-2"));
    Path html = ReportMerge.merge(tmp.resolve("merged"), List.of(tmp.resolve("shard-1"), tmp.resolve("shard-2")));
    // WHEN: opened sorted by "No shell"
    Rendered page = render(html.toUri() + "#sort=no-shell");
    // THEN: the overview lists every image, verified cells first, marked only where verified
    Matcher rows = Pattern.compile("<tr data-image=\"([^\"]+)\">").matcher(page.dom);
    List<String> order = new ArrayList<>();
    while (rows.find()) {
      order.add(rows.group(1));
    }
    assertThat(order).containsExactly("acme/api:1", "acme/web:1", "acme/tools:1");
    assertThat(page.dom).contains("<table class=\"overview\" id=\"overview\" data-sorted=\"2\">")
        .contains("<td data-property=\"no-shell\" data-sort=\"3\"><span class=\"status failed\">failed</span></td>")
        .contains("<td data-property=\"non-root\" data-sort=\"4\"><span class=\"status not-checked\">not-checked"
            + "</span></td>");
    assertThat(page.dom.split("class=\"verified\"", -1)).as("verified marks").hasSize(4);
    assertThat(greenPixels(page.screenshot, 0, 0, WIDTH, 300)).as("verified marks render green").isGreaterThan(200);
    // and each image's own section keeps its chips
    assertThat(page.chips()).containsExactly("non-root: Non-root", "no-shell: No shell", "no-shell: No shell");
  }

  private static Verdict fleetVerdict(String image, String digestByte, Property property, Outcome outcome,
      List<String> evidence) {
    return new Verdict(image, "sha256:" + digestByte.repeat(32), property, "", "check()", outcome, "hold", evidence,
        "static");
  }

  /** What chromium made of a page: a screenshot and the DOM, from one start. */
  private static final class Rendered {
    final BufferedImage screenshot;
    final String dom;

    Rendered(BufferedImage screenshot, String dom) {
      this.screenshot = screenshot;
      this.dom = dom;
    }

    /** {@code property: text} of every chip, in order. */
    List<String> chips() {
      List<String> out = new ArrayList<>();
      Matcher m = CHIP.matcher(dom);
      while (m.find()) {
        out.add(m.group(1) + ": " + m.group(2).replace("&amp;", "&"));
      }
      return out;
    }
  }

  private Rendered render(Path html) throws IOException, InterruptedException {
    return render(html.toUri().toString());
  }

  private Rendered render(String url) throws IOException, InterruptedException {
    Path png = tmp.resolve("screenshot.png");
    Path dom = tmp.resolve("dom.html");
    Path log = tmp.resolve("chromium.log");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")), "--screenshot=" + png,
        "--window-size=" + WIDTH + "," + HEIGHT, "--dump-dom", url)
        .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish within 60 s; its log:\n" + Files.readString(log));
    }
    if (p.exitValue() != 0 || !Files.exists(png)) {
      throw new AssertionError("chromium exited " + p.exitValue() + " without a screenshot; its log:\n"
          + Files.readString(log));
    }
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("decoded %s", png).isNotNull();
    return new Rendered(image, Files.readString(dom, StandardCharsets.UTF_8));
  }

  private static int greenPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
    int count = 0;
    for (int y = y0; y < Math.min(y1, image.getHeight()); y++) {
      for (int x = x0; x < Math.min(x1, image.getWidth()); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == CHIP_GREEN) {
          count++;
        }
      }
    }
    return count;
  }
}
