package io.podarmor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.testing.ImageLayouts;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing one image from an OCI layout that holds several platforms. */
class PlatformSelectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64");
  private static final Platform S390X = Platform.parse("linux/s390x");

  @TempDir Path tmp;

  private static TestImage image(String os, String arch) {
    return TestImage.named("podarmor-test-foundation/multi:1").platform(os, arch).label("arch", arch)
        .layer(Layer.create().file("/etc/arch", arch, 0644).file("/usr/bin/" + arch, arch, 0755));
  }

  @Test
  void theHostPlatformIsChosenAndTheOthersAreListed() {
    Path layout = ImageLayouts.writeMultiPlatformLayout(tmp.resolve("multi"), image("linux", "arm64"),
        image("linux", "amd64"));
    List<String> manifests = ImageLayouts.manifestDigests(layout);

    ContainerImage image = ContainerImage.fromOciLayout(layout);

    assertThat(image.platform()).isEqualTo(AMD64);
    assertThat(image.platforms()).containsExactly(ARM64, AMD64);
    assertThat(image.digest()).isEqualTo(manifests.get(1));
    assertThat(image.id()).isEqualTo(image("linux", "amd64").id());
    assertThat(image.config().labels()).containsEntry("arch", "amd64");
    assertThat(image.filesystem().exists("/usr/bin/amd64")).isTrue();
    assertThat(image.filesystem().exists("/usr/bin/arm64")).isFalse();
  }

  @Test
  void anotherPlatformIsChosenWithForPlatformOrTheFactory() {
    Path layout = ImageLayouts.writeMultiPlatformLayout(tmp.resolve("multi"), image("linux", "amd64"),
        image("linux", "arm64"));
    String arm64Manifest = ImageLayouts.manifestDigests(layout).get(1);

    for (ContainerImage arm : List.of(ContainerImage.fromOciLayout(layout).forPlatform(ARM64),
        ContainerImage.fromOciLayout(layout, ARM64), ContainerImage.fromOciLayout(layout, Platform.parse(
            "linux/arm64/v8")))) {
      assertThat(arm.platform()).isEqualTo(ARM64);
      assertThat(arm.digest()).isEqualTo(arm64Manifest);
      assertThat(arm.platforms()).containsExactly(AMD64, ARM64);
      assertThat(arm.filesystem().exists("/usr/bin/arm64")).isTrue();
      assertThat(arm.filesystem().exists("/usr/bin/amd64")).isFalse();
    }
  }

  @Test
  void aPlatformTheLayoutDoesNotHaveIsAnErrorListingWhatItHas() {
    Path layout = ImageLayouts.writeMultiPlatformLayout(tmp.resolve("multi"), image("linux", "amd64"),
        image("linux", "arm64"));
    List<String> manifests = ImageLayouts.manifestDigests(layout);
    String ref = "oci:" + layout.toAbsolutePath();
    String choices = manifests.get(0) + " (linux/amd64), " + manifests.get(1) + " (linux/arm64)";

    assertThatThrownBy(() -> ContainerImage.fromOciLayout(layout).forPlatform(S390X))
        .isInstanceOf(ImageException.class)
        .hasMessage(ref + " has no image for platform linux/s390x; it has: " + choices);
    assertThatThrownBy(() -> ContainerImage.fromOciLayout(layout, S390X))
        .isInstanceOf(ImageException.class)
        .hasMessage(ref + " has no image for platform linux/s390x; it has: " + choices);
  }

  @Test
  void withoutAnImageForTheHostTheLayoutMustBeReadForAPlatform() {
    Path layout = ImageLayouts.writeMultiPlatformLayout(tmp.resolve("multi"), image("linux", "arm64"),
        image("linux", "s390x"));
    List<String> manifests = ImageLayouts.manifestDigests(layout);
    String ref = "oci:" + layout.toAbsolutePath();

    assertThatThrownBy(() -> ContainerImage.fromOciLayout(layout))
        .isInstanceOf(ImageException.class)
        .hasMessage(ref + " has no image for platform linux/amd64; it has: " + manifests.get(0) + " (linux/arm64), "
            + manifests.get(1) + " (linux/s390x)");
    assertThat(ContainerImage.fromOciLayout(layout, S390X).filesystem().exists("/usr/bin/s390x")).isTrue();
  }

  @Test
  void theOnlyImageIsTakenWhateverItsPlatformUnlessAnotherIsAskedFor() {
    Path layout = image("linux", "arm64").writeOciLayout(tmp.resolve("single"));
    String ref = "oci:" + layout.toAbsolutePath();

    ContainerImage only = ContainerImage.fromOciLayout(layout);

    assertThat(only.platform()).isEqualTo(ARM64);
    assertThat(only.platforms()).containsExactly(ARM64);
    assertThatThrownBy(() -> only.forPlatform(AMD64)).isInstanceOf(ImageException.class)
        .hasMessage(ref + " has no image for platform linux/amd64; it has: "
            + TestImage.manifestDigestOf(layout) + " (linux/arm64)");
  }

  @Test
  void nestedIndexesAreFollowedAndTheirPlatformIsInherited() throws IOException {
    Path layout = ImageLayouts.writeMultiPlatformLayout(tmp.resolve("nested"), image("linux", "arm64"),
        image("linux", "amd64"));
    List<String> manifests = ImageLayouts.manifestDigests(layout);
    // move the index into a blob and point index.json at it, as some tools write it
    byte[] inner = Files.readAllBytes(layout.resolve("index.json"));
    String innerDigest = TestImage.sha256(inner);
    Files.write(layout.resolve("blobs/sha256/" + TestImage.hex(innerDigest)), inner);
    ObjectNode outer = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", "application/vnd.oci.image.index.v1+json");
    outer.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.index.v1+json")
        .put("digest", innerDigest).put("size", inner.length);
    Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(outer));

    ContainerImage image = ContainerImage.fromOciLayout(layout);

    assertThat(image.digest()).isEqualTo(manifests.get(1));
    assertThat(image.platforms()).containsExactly(ARM64, AMD64);
    assertThat(image.filesystem().exists("/usr/bin/amd64")).isTrue();
  }
}
