package io.podarmor.junit;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The report covers a whole launcher session: checks of classes that are not {@code @PodArmorTest} land in it, and it
 * is written once when the session closes; without the listener, the extension still writes it.
 */
class ReportLauncherSessionListenerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path plainLayout;
  static Path extensionLayout;

  @BeforeAll
  static void writeImages() {
    plainLayout = TestImage.named("report/plain:1").user("65532")
        .layer(Layer.create().file("/app", "plain", 0755)).writeOciLayout(tmp.resolve("plain"));
    extensionLayout = TestImage.named("report/extension:1").user("65532")
        .layer(Layer.create().file("/app", "extension", 0755)).writeOciLayout(tmp.resolve("extension"));
  }

  /** Like the legacy sample: plain AssertJ, no extension. */
  static class PlainAssertionsTestCase {
    @Test
    void passes() {
      assertThat(ContainerImage.fromOciLayout(plainLayout)).hasNoSuidFiles();
    }

    @Test
    void failsAsExpected() {
      Assertions.assertThatThrownBy(() -> assertThat(ContainerImage.fromOciLayout(plainLayout)).hasFile("/nope"))
          .isInstanceOf(AssertionError.class);
    }
  }

  @PodArmorTest
  static class ExtensionTestCase {
    @Test
    void nonRoot(ContainerImage image) {
      assertThat(image).runsAsNonRoot();
    }
  }

  @Test
  void the_launcher_finds_the_listener_through_the_service_loader() {
    List<String> listeners = ServiceLoader.load(LauncherSessionListener.class).stream()
        .map(p -> p.type().getName()).collect(Collectors.toList());

    Assertions.assertThat(listeners).contains(ReportLauncherSessionListener.class.getName());
  }

  @Test
  void every_check_of_the_session_lands_in_one_report_written_when_the_plan_ends() throws IOException {
    // GIVEN
    Path dir = tmp.resolve("session-report");
    LauncherConfig config = LauncherConfig.builder().enableLauncherSessionListenerAutoRegistration(false)
        .addLauncherSessionListeners(new ReportLauncherSessionListener()).build();
    // WHEN
    try (LauncherSession session = LauncherFactory.openSession(config)) {
      session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(PlainAssertionsTestCase.class), selectClass(ExtensionTestCase.class))
          .configurationParameter("podarmor.report.dir", dir.toString())
          .configurationParameter("podarmor.image", "oci:" + extensionLayout)
          .configurationParameter("junit.platform.launcher.interceptors.enabled", "false")
          .enableImplicitConfigurationParameters(false)
          .build());
      // THEN written once the plan ended (while the build tool still shows what tests print), by the session: the
      // extension's own report would have gone to the same directory
      Assertions.assertThat(dir.resolve("report.json")).exists();
    }
    JsonNode images = JSON.readTree(dir.resolve("report.json").toFile()).get("images");
    Assertions.assertThat(images).extracting(i -> i.get("reference").asText())
        .containsExactlyInAnyOrder("oci:" + plainLayout.toAbsolutePath(), "oci:" + extensionLayout.toAbsolutePath());
    Assertions.assertThat(assertions(images)).containsExactlyInAnyOrder(
        "hasNoSuidFiles() passed", "hasFile(/nope) failed", "runsAsNonRoot() passed");
    Assertions.assertThat(dir.resolve("report.html")).content().contains("No SUID/SGID", "Non-root");
  }

  @Test
  void without_the_listener_the_extension_writes_the_report_at_the_end_of_the_engine_run() throws IOException {
    // GIVEN
    Path dir = tmp.resolve("extension-report");
    // WHEN
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ExtensionTestCase.class))
        .enableImplicitConfigurationParameters(false)
        .configurationParameter("podarmor.report.dir", dir.toString())
        .configurationParameter("podarmor.image", "oci:" + extensionLayout)
        .execute().testEvents().assertStatistics(s -> s.succeeded(1));
    // THEN
    JsonNode images = JSON.readTree(dir.resolve("report.json").toFile()).get("images");
    Assertions.assertThat(assertions(images)).containsExactly("runsAsNonRoot() passed");
  }

  private static List<String> assertions(JsonNode images) {
    List<String> out = new ArrayList<>();
    for (JsonNode image : images) {
      for (JsonNode property : image.get("properties")) {
        for (JsonNode check : property.get("checks")) {
          out.add(check.get("assertion").asText() + " " + check.get("outcome").asText());
        }
      }
    }
    return out;
  }

}
