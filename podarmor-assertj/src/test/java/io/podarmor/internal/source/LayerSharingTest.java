package io.podarmor.internal.source;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet built on one base reads the base once: each layer is indexed once per diff ID and merged per image, from a
 * layout (whose blobs are still hashed before a kept index stands for them) or a registry (blobs served by digest).
 */
class LayerSharingTest {
  @TempDir static Path tmp;
  static Layer base;
  static List<TestImage> fleet;

  @BeforeAll
  static void images() {
    base = Layer.create().dir("/etc", 0755).file("/etc/passwd", "root:x:0:0::/root:/sbin/nologin\n", 0644);
    for (int i = 0; i < 50; i++) {
      base.file("/usr/lib/base/lib" + i + ".so", "library " + i, 0644);
    }
    fleet = Stream.of("api", "web", "worker").map(name -> TestImage.named("fleet-base/" + name + ":1")
        .user("65532:65532").layer(base).layer(Layer.create().file("/app/" + name, name, 0755))).toList();
  }

  @BeforeEach
  void forget() {
    Caches.clear();
  }

  @Test
  void three_images_on_one_base_from_layouts_index_the_base_once() {
    List<Path> layouts = fleet.stream().map(i -> i.writeOciLayout(tmp.resolve("layout-"
        + i.reference().replaceAll("[^a-z0-9]", "-")))).toList();
    long before = Caches.LAYERS_INDEXED.get();
    for (Path layout : layouts) {
      assertThat(ContainerImage.fromOciLayout(layout)).runsAsNonRoot().hasNoShell().hasFile("/usr/lib/base/lib49.so");
    }
    assertThat(Caches.LAYERS_INDEXED.get() - before).as("layers indexed: the base once, each app layer once")
        .isEqualTo(4);
  }

  @Test
  void three_images_on_one_base_from_a_registry_index_the_base_once() {
    TestRegistry registry = TestRegistry.local();
    for (TestImage image : fleet) {
      registry.push("fleet-base/" + image.reference().split("/")[1].split(":")[0], "1",
          TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI));
    }
    long before = Caches.LAYERS_INDEXED.get();
    for (String name : List.of("api", "web", "worker")) {
      assertThat(ContainerImage.fromRegistry(registry.host() + "/fleet-base/" + name + ":1")).hasNoShell()
          .hasFile("/app/" + name);
    }
    assertThat(Caches.LAYERS_INDEXED.get() - before).isEqualTo(4);
  }

  @Test
  void images_on_one_base_opened_in_parallel_index_the_base_once() throws Exception {
    Layer bigBase = Layer.create().dir("/etc", 0755).file("/etc/passwd", "root:x:0:0::/root:/sbin/nologin\n", 0644);
    for (int i = 0; i < 4000; i++) {
      bigBase.file("/usr/share/base/f" + i, "file " + i + " " + "x".repeat(200), 0644);
    }
    TestRegistry registry = TestRegistry.local();
    List<String> references = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      TestImage image = TestImage.named("fleet-parallel/app:" + i).user("65532:65532").layer(bigBase)
          .layer(Layer.create().file("/app/app" + i, "app " + i, 0755));
      registry.push("fleet-parallel/app", "v" + i, TestManifest.of(image, TestImage.Compression.GZIP,
          TestManifest.Format.OCI));
      references.add(registry.host() + "/fleet-parallel/app:v" + i);
    }
    long before = Caches.LAYERS_INDEXED.get();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(references.size());
    try {
      List<Future<?>> opened = new ArrayList<>();
      for (String reference : references) {
        opened.add(threads.submit(() -> {
          start.await();
          assertThat(ContainerImage.fromRegistry(reference)).hasNoShell().hasFile("/usr/share/base/f3999");
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : opened) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(Caches.LAYERS_INDEXED.get() - before).as("layers indexed: the base once, each app layer once")
        .isEqualTo(1 + references.size());
  }

  @Test
  void a_layout_whose_base_blob_was_altered_is_not_given_the_kept_index() throws Exception {
    Path good = fleet.get(0).writeOciLayout(tmp.resolve("good"));
    assertThat(ContainerImage.fromOciLayout(good)).hasNoShell();
    Path altered = fleet.get(1).writeOciLayout(tmp.resolve("altered"));
    // the base blob (the first layer) of the second layout no longer matches its digest
    String manifestDigest = TestImage.manifestDigestOf(altered).substring("sha256:".length());
    com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        altered.resolve("blobs/sha256/" + manifestDigest).toFile());
    String baseDigest = manifest.get("layers").get(0).get("digest").asText().substring("sha256:".length());
    Path blob = altered.resolve("blobs/sha256/" + baseDigest);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 1] ^= 1;
    Files.write(blob, bytes);
    assertThatThrownBy(() -> assertThat(ContainerImage.fromOciLayout(altered)).hasNoShell())
        .isInstanceOf(ImageException.class).hasMessageContaining("Digest mismatch");
  }
}
