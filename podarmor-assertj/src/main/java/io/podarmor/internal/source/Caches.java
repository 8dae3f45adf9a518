package io.podarmor.internal.source;

import io.podarmor.internal.fs.ImageLimits;
import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.internal.fs.MergedFilesystem;
import io.podarmor.internal.history.BuildHistory;
import io.podarmor.internal.packages.PackageDatabases;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The run-wide caches, each bounded ({@link BoundedCache}) and all released by {@link #clear()}: what an image's
 * layers index to, keyed by the diff IDs a source verified its blobs to hold; configs by their digest; what is
 * derived from those; and what a source keeps beside an image (SBOMs), by origin and digest.
 */
final class Caches {
  /** Bytes of kept content that weigh as much as one entry (an entry costs a few hundred bytes of heap). */
  private static final int CONTENT_BYTES_PER_ENTRY = 128;
  /**
   * Parsed configs by digest, weighed by their bytes: together at most a quarter of what one image may keep of its
   * files (a config may have 16 MiB, and is then kept alone; most have a few KB).
   */
  static final BoundedCache<String, ParsedConfig> CONFIGS = new BoundedCache<>("configs",
      ImageLimits.retainedPerImage() / 4, c -> c.size);
  /**
   * Merged filesystems by their layers' diff IDs, weighed by entries and kept content ({@link #weight}): together at
   * most twice one image's limit of entries.
   */
  static final BoundedCache<List<String>, MergedFilesystem> FILESYSTEMS = new BoundedCache<>("filesystems",
      2L * ImageLimits.maxEntries(), fs -> weight(fs.entries().size(), fs.retainedBytes()));
  /**
   * Layer indexes by diff ID, weighed as filesystems are: images that share layers (a fleet on one base) index each
   * once while it is kept.
   */
  static final BoundedCache<String, LayerIndex> LAYERS = new BoundedCache<>("layers", 2L * ImageLimits.maxEntries(),
      l -> weight(l.entries().size(), l.contents().values().stream().mapToLong(b -> b.length).sum()));
  /** How many layer blobs this JVM has read and indexed (a hash-only verification does not count). */
  static final AtomicLong LAYERS_INDEXED = new AtomicLong();
  /** How many images this JVM exported from the engine ({@code docker save}). */
  static final AtomicLong ENGINE_EXPORTS = new AtomicLong();
  /** Build histories by image ID, weighed by the text of their steps, as configs are. */
  static final BoundedCache<String, BuildHistory> HISTORIES = new BoundedCache<>("histories",
      ImageLimits.retainedPerImage() / 4, BuildHistory::textLength);
  /** Package inventories by their layers' diff IDs, weighed by packages. */
  static final BoundedCache<List<String>, PackageDatabases.Inventory> PACKAGES = new BoundedCache<>("packages",
      1_000_000, i -> i.packages().size());
  /**
   * Blob digest to the diff ID its content was verified to have: both are content addresses, so an entry never
   * changes; a forgotten one only costs hashing the blob again.
   */
  static final BoundedCache<String, String> VERIFIED_BLOBS = new BoundedCache<>("verified blobs", 65536, d -> 1);
  /** What a source keeps beside an image (SBOM discovery), by kind, origin and digest. */
  static final BoundedCache<SourceKey, Object> DISCOVERIES = new BoundedCache<>("discoveries", 1024, v -> 1);

  /** What a source keeps beside one image: the kind of lookup, the origin, the manifest digest and image ID. */
  record SourceKey(String kind, Origin origin, String digest, String imageId) {}

  private Caches() {}

  /** Forgets everything cached. */
  static void clear() {
    CONFIGS.clear();
    FILESYSTEMS.clear();
    LAYERS.clear();
    HISTORIES.clear();
    PACKAGES.clear();
    DISCOVERIES.clear();
    VERIFIED_BLOBS.clear();
  }

  /** Memoizes a supplier: concurrent callers wait for the first computation; a failure is not kept. */
  static <T> Supplier<T> memoize(Supplier<T> compute) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = compute.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }

  /** The weight of an index: its entries, and its kept content as the entries it costs as much heap as. */
  static long weight(int entries, long retainedBytes) {
    return entries + retainedBytes / CONTENT_BYTES_PER_ENTRY;
  }
}
