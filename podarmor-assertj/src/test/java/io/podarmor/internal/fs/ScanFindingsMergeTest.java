package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Findings (secrets) stay reported when a later layer hides their file: by a whiteout, an opaque directory or a new file. */
class ScanFindingsMergeTest {

  @Test
  void a_later_layer_hides_but_does_not_remove_a_secret() {
    // GIVEN
    LayerIndex first = new LayerIndex(
        List.of(file("/a/key"), file("/b/c/key"), file("/d/key"), file("/e/key")), List.of(), List.of(), Map.of(), Map.of(),
        List.of(hit("/a/key"), hit("/b/c/key"), hit("/d/key"), hit("/e/key")));
    LayerIndex second = new LayerIndex(List.of(file("/d/key")), List.of("/a/key"), List.of("/b"), Map.of(), Map.of(),
        List.of());
    LayerIndex third = new LayerIndex(List.of(), List.of("/d"), List.of(), Map.of(), Map.of(), List.of());
    // WHEN
    MergedFilesystem fs = new FilesystemMerger("test image", new LayerPass(List.of(), List.of()))
        .apply(first, 1, "sha256:1").apply(second, 2, "sha256:2").apply(third, 3, "sha256:3").build();
    // THEN
    assertThat(fs.findings().stream().map(ScanFinding::toString).collect(Collectors.toList())).containsExactly(
        "/a/key (layer 1, removed by layer 2: private key)",
        "/b/c/key (layer 1, removed by layer 2: private key)",
        "/d/key (layer 1, replaced by layer 2: private key)",
        "/e/key (layer 1: private key)");
    assertThat(fs.named("other").findings()).hasSize(4);
  }

  private static FileEntry file(String path) {
    return FileEntry.builder(path, FileType.REGULAR).mode(0600).size(1).build();
  }

  private static ScanHit hit(String path) {
    return new ScanHit(path, "private key");
  }
}
