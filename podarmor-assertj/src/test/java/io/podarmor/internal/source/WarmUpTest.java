package io.podarmor.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.FileEntry;
import io.podarmor.image.FileType;
import io.podarmor.internal.blob.Compression;
import io.podarmor.verdict.Verdicts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up prepares and decides nothing: its made-up layer reads cleanly with the real reading code (it ignores its
 * own failures, so a layer that stopped reading would silently warm nothing), it leaves no trace in any cache, on disk
 * or in memory, and waiting through it gives the engine's answer or failure unchanged.
 */
class WarmUpTest {
  @TempDir Path tmp;

  @Test
  void its_layer_reads_with_the_real_code_to_programs_links_and_account_files() {
    LayerLoader.Result read = LayerLoader.load(new ByteArrayInputStream(WarmUp.layer()), Compression.NONE, "warm-up");

    assertThat(read.index().entries()).hasSizeGreaterThan(300);
    assertThat(read.index().entries()).filteredOn(e -> e.type() == FileType.SYMLINK).isNotEmpty();
    assertThat(read.index().entries()).filteredOn(FileEntry::isSetuid).extracting(FileEntry::path)
        .containsExactly("/usr/lib/pkg0/file6", "/usr/lib/pkg1/file6", "/usr/lib/pkg10/file6", "/usr/lib/pkg11/file6",
            "/usr/lib/pkg2/file6", "/usr/lib/pkg3/file6", "/usr/lib/pkg4/file6", "/usr/lib/pkg5/file6",
            "/usr/lib/pkg6/file6", "/usr/lib/pkg7/file6", "/usr/lib/pkg8/file6", "/usr/lib/pkg9/file6");
    assertThat(read.index().contents()).containsKeys("/etc/passwd", "/etc/group", "/var/lib/dpkg/status");
  }

  @Test
  void it_keeps_nothing_in_memory_or_on_disk() throws IOException {
    Path cache = tmp.resolve("cache");
    String diffId = LayerLoader.load(new ByteArrayInputStream(WarmUp.layer()), Compression.NONE, "warm-up").diffId();
    long indexed = Caches.LAYERS_INDEXED.get();
    try (Verdicts.Registration settings = Verdicts.configure(
        key -> key.equals(DiskCache.DIR) ? Optional.of(cache.toString()) : Optional.empty())) {
      WarmUp.prepare();
      WarmUp.readLayers(new AtomicBoolean());
    }

    assertThat(Caches.LAYERS.peek(diffId)).isEmpty();
    assertThat(Caches.VERIFIED_BLOBS.peek(diffId)).isEmpty();
    assertThat(Caches.LAYERS_INDEXED.get()).isEqualTo(indexed);
    if (Files.exists(cache)) {
      try (Stream<Path> files = Files.walk(cache)) {
        assertThat(files.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }

  @Test
  void waiting_through_it_gives_the_answer_or_the_failure_as_they_come() throws IOException {
    assertThat(WarmUp.whileWaiting(() -> "the export")).isEqualTo("the export");
    assertThat(WarmUp.whileWaiting(() -> "a later export")).isEqualTo("a later export");
    assertThatThrownBy(() -> WarmUp.whileWaiting(() -> {
      throw new IOException("the engine answered 500: no space left on device");
    })).isInstanceOf(IOException.class).hasMessage("the engine answered 500: no space left on device");
  }
}
