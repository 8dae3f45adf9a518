package io.podarmor.internal.source;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.image.ImageException;
import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.internal.fs.ScanHit;
import io.podarmor.testing.Layer;
import io.podarmor.testing.RuntimeImages;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import io.podarmor.verdict.Verdicts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk cache: a second run (this JVM's memory forgotten) reads no layer of images it read before — no registry
 * fetch, no {@code docker save} — while a layout's blobs are still hashed; a corrupt file is rebuilt; the size bound
 * holds; and an index survives its encoding whole.
 */
class DiskCacheTest {
  @TempDir Path tmp;
  Verdicts.Registration settings;

  @BeforeEach
  void freshCache() {
    configure(Map.of(DiskCache.DIR, tmp.resolve("cache").toString()));
    Caches.clear();
  }

  @AfterEach
  void close() {
    settings.close();
    Caches.clear();
  }

  private void configure(Map<String, String> values) {
    if (settings != null) {
      settings.close();
    }
    settings = Verdicts.configure(key -> Optional.ofNullable(values.get(key)));
  }

  /** A new run: this JVM forgets what it read; only the disk remembers. */
  private static void newRun() {
    Caches.clear();
  }

  @Test
  void an_index_survives_its_encoding_whole() throws Exception {
    LayerIndex index = new LayerIndex(List.of(
        FileEntry.builder("/usr/bin/passwd", FileType.REGULAR).mode(04755).owner(0, 0).size(68208)
            .identifiedProgram("ELF executable").build(),
        FileEntry.builder("/bin/sh", FileType.SYMLINK).mode(0777).linkTarget("dash").build(),
        FileEntry.builder("/bin/dash2", FileType.REGULAR).mode(0755).owner(65532, 65533).hardLinkTarget("/bin/dash")
            .build(),
        FileEntry.builder("/dev/null", FileType.CHARACTER_DEVICE).mode(0666).build()),
        List.of("/etc/gone"), List.of("/var/cache"), Map.of("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"
            .getBytes(StandardCharsets.UTF_8)), Map.of("/big", "over budget"),
        List.of(new ScanHit("/root/.aws/credentials", "AKIA…")));

    LayerIndex decoded = LayerIndexCodec.decode(LayerIndexCodec.encode(index));

    assertThat(decoded.entries()).extracting(FileEntry::toString)
        .containsExactlyElementsOf(index.entries().stream().map(FileEntry::toString).toList());
    assertThat(decoded.entries()).extracting(e -> e.identifiedProgram().orElse(""), e -> e.uid(), e -> e.gid())
        .containsExactlyElementsOf(index.entries().stream().map(e -> org.assertj.core.groups.Tuple.tuple(
            e.identifiedProgram().orElse(""), e.uid(), e.gid())).toList());
    assertThat(decoded.whiteouts()).isEqualTo(index.whiteouts());
    assertThat(decoded.opaqueDirectories()).isEqualTo(index.opaqueDirectories());
    assertThat(decoded.contents().get("/etc/passwd")).isEqualTo(index.contents().get("/etc/passwd"));
    assertThat(decoded.notRetained()).isEqualTo(index.notRetained());
    assertThat(decoded.hits()).isEqualTo(index.hits());
  }

  @Test
  void a_second_run_from_a_registry_indexes_no_layer() {
    TestRegistry registry = TestRegistry.local();
    TestImage image = TestImage.named("disk-cache/api:1").user("65532:65532")
        .layer(Layer.create().file("/app", "api " + System.nanoTime(), 0755));
    registry.push("disk-cache/api", "1", TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI));
    String ref = registry.host() + "/disk-cache/api:1";
    assertThat(ContainerImage.fromRegistry(ref)).runsAsUid(65532).hasNoShell();

    newRun();
    long before = Caches.LAYERS_INDEXED.get();
    assertThat(ContainerImage.fromRegistry(ref)).runsAsUid(65532).hasNoShell().hasFile("/app");
    assertThat(Caches.LAYERS_INDEXED.get() - before).as("layers indexed in the second run").isZero();
  }

  @Test
  void a_second_run_on_an_engine_image_needs_no_export() {
    String reference = RuntimeImages.shellless();
    long exports = Caches.ENGINE_EXPORTS.get();
    assertThat(ContainerImage.fromDaemon(reference)).runsAsUid(65532).hasNoShell();
    assertThat(Caches.ENGINE_EXPORTS.get() - exports).isEqualTo(1);

    newRun();
    assertThat(ContainerImage.fromDaemon(reference)).runsAsUid(65532).hasNoShell().hasFile("/catatonit");
    assertThat(Caches.ENGINE_EXPORTS.get() - exports).as("exports, both runs").isEqualTo(1);
  }

  @Test
  void a_layouts_blobs_are_still_verified_in_a_second_run() throws Exception {
    Path layout = TestImage.named("disk-cache/layout:1").user("65532:65532")
        .layer(Layer.create().file("/app", "layout " + System.nanoTime(), 0755)).writeOciLayout(tmp.resolve("l"));
    assertThat(ContainerImage.fromOciLayout(layout)).hasNoShell();

    newRun();
    long before = Caches.LAYERS_INDEXED.get();
    assertThat(ContainerImage.fromOciLayout(layout)).hasNoShell();
    assertThat(Caches.LAYERS_INDEXED.get() - before).isZero();

    newRun();
    String manifest = TestImage.manifestDigestOf(layout).substring("sha256:".length());
    String layer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(layout.resolve("blobs/sha256/"
        + manifest).toFile()).get("layers").get(0).get("digest").asText().substring("sha256:".length());
    Path blob = layout.resolve("blobs/sha256/" + layer);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 1] ^= 1;
    Files.write(blob, bytes);
    assertThatThrownBy(() -> assertThat(ContainerImage.fromOciLayout(layout)).hasNoShell())
        .isInstanceOf(ImageException.class).hasMessageContaining("Digest mismatch");
  }

  @Test
  void a_corrupt_cache_file_is_ignored_and_rebuilt() throws Exception {
    Path layout = TestImage.named("disk-cache/corrupt:1").user("65532:65532")
        .layer(Layer.create().file("/app", "corrupt " + System.nanoTime(), 0755)).writeOciLayout(tmp.resolve("c"));
    assertThat(ContainerImage.fromOciLayout(layout)).hasNoShell();
    Path layers = DiskCache.root().orElseThrow().resolve("layers");
    Path kept;
    try (Stream<Path> files = Files.list(layers)) {
      kept = files.filter(f -> !f.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(kept);
    bytes[5] ^= 1;
    Files.write(kept, bytes);

    newRun();
    long before = Caches.LAYERS_INDEXED.get();
    assertThat(ContainerImage.fromOciLayout(layout)).hasNoShell().hasFile("/app");
    assertThat(Caches.LAYERS_INDEXED.get() - before).as("the corrupt index is read again").isEqualTo(1);
    assertThat(DiskCache.layer(layers.relativize(kept).toString().replace('-', ':'))).isPresent();
  }

  @Test
  void the_cache_keeps_to_its_size() throws Exception {
    configure(Map.of(DiskCache.DIR, tmp.resolve("small").toString(), DiskCache.MAX_MB, "0"));
    Path layout = TestImage.named("disk-cache/small:1").user("65532:65532")
        .layer(Layer.create().file("/app", "small " + System.nanoTime(), 0755)).writeOciLayout(tmp.resolve("s"));
    assertThat(ContainerImage.fromOciLayout(layout)).hasNoShell();
    try (Stream<Path> files = Files.walk(DiskCache.root().orElseThrow())) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void only_sha256_digests_name_cache_files() throws Exception {
    String diffId = "sha256:" + "ab".repeat(32);
    DiskCache.putVerified("sha256:../../escaped", diffId);
    DiskCache.putVerified("sha256:" + "AB".repeat(32), diffId);
    assertThat(DiskCache.verifiedDiffId("sha256:../../escaped")).isEmpty();
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
    DiskCache.putVerified("sha256:" + "cd".repeat(32), diffId);
    assertThat(DiskCache.verifiedDiffId("sha256:" + "cd".repeat(32))).contains(diffId);
  }

  @Test
  void a_jvm_with_other_limits_keeps_a_cache_of_its_own() {
    assertThat(DiskCache.root().orElseThrow().getFileName().toString())
        .endsWith("-" + io.podarmor.internal.fs.ImageLimits.maxEntries() + "-"
            + io.podarmor.internal.fs.ImageLimits.retainedPerLayer());
  }

  @Test
  void none_turns_the_cache_off() {
    configure(Map.of(DiskCache.DIR, "none"));
    assertThat(DiskCache.root()).isEmpty();
  }

  @Test
  void another_builds_directory_unused_for_thirty_days_is_removed_and_nothing_else() throws Exception {
    Path base = tmp.resolve("cache");
    Path stale = Files.createDirectories(base.resolve("v1-0123456789abcdef-3086336-67108864").resolve("layers"));
    Files.write(stale.resolve("sha256-" + "a".repeat(64)), new byte[100]);
    Path recent = Files.createDirectories(base.resolve("v1-fedcba9876543210-131072-16777216").resolve("configs"));
    Files.write(recent.resolve("sha256-" + "b".repeat(64)), new byte[100]);
    Path notOurs = Files.createDirectories(base.resolve("v1-notacachedir"));
    Path fixture = Files.write(base.resolve("debian-bookworm-minbase.tar.gz"), new byte[10]);
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - (DiskCache.UNUSED_DAYS + 1) * 24L * 3600 * 1000);
    for (Path p : List.of(stale.resolve("sha256-" + "a".repeat(64)), notOurs, fixture)) {
      Files.setLastModifiedTime(p, old);
    }

    byte[] config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
    DiskCache.putConfig(io.podarmor.internal.blob.Digests.sha256(config), config);

    assertThat(base.resolve("v1-0123456789abcdef-3086336-67108864")).doesNotExist();
    assertThat(recent).exists();
    assertThat(notOurs).exists();
    assertThat(fixture).exists();
    assertThat(DiskCache.root()).hasValueSatisfying(own -> assertThat(own.resolve("configs")).isDirectory());
  }
}
