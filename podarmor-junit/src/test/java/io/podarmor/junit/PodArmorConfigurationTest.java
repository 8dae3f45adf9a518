package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.Platform;
import io.podarmor.testing.Layer;
import io.podarmor.testing.RuntimeImages;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** Where settings come from, and which wins. */
class PodArmorConfigurationTest {
  static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void loadImages() {
    RuntimeImages.shellless();
    RuntimeImages.root();
  }

  @BeforeEach
  void reset() {
    seen.clear();
  }

  private static PodArmorConfiguration config(Map<String, String> parameters, Map<String, String> env) {
    return PodArmorConfiguration.of(k -> Optional.ofNullable(parameters.get(k)), env);
  }

  @Test
  void aConfigurationParameterWinsOverTheEnvironment() {
    PodArmorConfiguration c = config(Map.of("podarmor.image", "from/parameter:1"),
        Map.of("PODARMOR_IMAGE", "from/env:1", "PODARMOR_REPORT_DIR", "/reports"));

    assertThat(c.image()).contains("from/parameter:1");
    assertThat(c.sourceOf("podarmor.image")).contains("configuration parameter podarmor.image");
    assertThat(c.reportDir()).contains(Path.of("/reports"));
    assertThat(c.sourceOf("podarmor.report.dir")).contains("environment variable PODARMOR_REPORT_DIR");
    assertThat(c.sourceOf("podarmor.platform")).isEmpty();
  }

  @Test
  void blankValuesCountAsUnset() {
    PodArmorConfiguration c = config(Map.of("podarmor.image", " "), Map.of("PODARMOR_IMAGE", " from/env:1 "));

    assertThat(c.image()).contains("from/env:1");
    assertThat(config(Map.of(), Map.of("PODARMOR_IMAGE", "")).image()).isEmpty();
  }

  @Test
  void readsEveryKeyTheLaterChecksNeed() {
    PodArmorConfiguration c = config(Map.of(
        "podarmor.platform", "linux/arm64/v8",
        "podarmor.trust.identity", "ci@acme.example",
        "podarmor.trust.issuer", "https://token.actions.githubusercontent.com"), Map.of(
        "PODARMOR_TRUST_PUBLIC_KEY", "/keys/cosign.pub",
        "PODARMOR_TRUST_TRUSTED_ROOT", "/keys/trusted_root.json"));

    assertThat(c.platform()).contains(Platform.parse("linux/arm64/v8"));
    assertThat(c.trustIdentity()).contains("ci@acme.example");
    assertThat(c.trustIssuer()).contains("https://token.actions.githubusercontent.com");
    assertThat(c.trustPublicKey()).contains(Path.of("/keys/cosign.pub"));
    assertThat(c.trustTrustedRoot()).contains(Path.of("/keys/trusted_root.json"));
    assertThat(PodArmorConfiguration.environmentVariable("podarmor.trust.trusted-root"))
        .isEqualTo("PODARMOR_TRUST_TRUSTED_ROOT");
  }

  @Test
  void anInvalidPlatformNamesWhereItCameFrom() {
    assertThatThrownBy(() -> config(Map.of(), Map.of("PODARMOR_PLATFORM", "linux")).platform())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("Invalid environment variable PODARMOR_PLATFORM 'linux': expected os/architecture[/variant],"
            + " e.g. linux/amd64 or linux/arm64/v8");
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/root:1")
  static class AnnotatedTestCase {
    @Test
    void image(ContainerImage image) {
      seen.add(image.reference());
    }
  }

  @Test
  void theAnnotationNamesTheImageWhenNothingIsConfigured() {
    Kit.run(AnnotatedTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(seen).containsExactly("podarmor-test-ext/root:1");
  }

  @Test
  void aConfiguredImageOverridesTheAnnotation() {
    Kit.run(AnnotatedTestCase.class, "podarmor.image", "podarmor-test-ext/shellless:1").testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(seen).containsExactly("podarmor-test-ext/shellless:1");
  }

  @Test
  void imagesOnDiskAreNamedWithOciAndDockerArchivePrefixes(@TempDir Path tmp) {
    TestImage image = TestImage.named("podarmor-test-ext/on-disk:1").layer(Layer.create().file("/a", "a", 0644));
    Path layout = image.writeOciLayout(tmp.resolve("layout"));
    Path archive = image.writeDockerArchive(tmp.resolve("image.tar"));

    Kit.run(AnnotatedTestCase.class, "podarmor.image", "oci:" + layout).testEvents()
        .assertStatistics(s -> s.succeeded(1));
    Kit.run(AnnotatedTestCase.class, "podarmor.image", "docker-archive:" + archive).testEvents()
        .assertStatistics(s -> s.succeeded(1));

    assertThat(seen).containsExactly("oci:" + layout.toAbsolutePath().normalize(),
        "docker-archive:" + archive.toAbsolutePath().normalize());
  }
}
