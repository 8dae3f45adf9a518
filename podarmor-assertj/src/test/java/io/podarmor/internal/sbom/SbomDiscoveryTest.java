package io.podarmor.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery runs once per image and source for the run; a discovery that found nothing is not kept. */
class SbomDiscoveryTest {
  static final String CDX = """
      {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
       "components":[{"type":"library","name":"openssl","version":"3.0.11-1~deb12u2"}]}""";

  @TempDir Path tmp;

  @Test
  void every_lookup_of_an_image_shares_one_discovery_even_through_another_read_of_it() {
    Path layout = TestImage.named("podarmor-test/revsbom-memo:1")
        .layer(Layer.create().file("/usr/share/sbom/app.cdx.json", CDX, 0644))
        .writeOciLayout(tmp.resolve("with"));

    SbomDiscovery.Found first = SbomDiscovery.find(ContainerImage.fromOciLayout(layout));
    SbomDiscovery.Found again = SbomDiscovery.find(ContainerImage.fromOciLayout(layout));

    assertThat(first.sboms()).singleElement().hasToString("CycloneDX 1.5 (in-image file /usr/share/sbom/app.cdx.json)");
    assertThat(again).isSameAs(first);
  }

  @Test
  void a_discovery_that_found_no_sbom_is_not_kept() {
    ContainerImage image = ContainerImage.fromOciLayout(TestImage.named("podarmor-test/revsbom-memo-none:1")
        .layer(Layer.create().file("/app", "app", 0755)).writeOciLayout(tmp.resolve("without")));

    SbomDiscovery.Found first = SbomDiscovery.find(image);

    assertThat(first.sboms()).isEmpty();
    assertThat(SbomDiscovery.find(image)).isNotSameAs(first).isEqualTo(first);
  }
}
