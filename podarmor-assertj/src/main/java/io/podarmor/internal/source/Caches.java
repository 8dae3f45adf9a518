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
  /** Parsed configs by digest. */
  static final BoundedCache<String, ParsedConfig> CONFIGS = new BoundedCache<>("configs", 4096, c -> 1);
  /** Merged filesystems by their layers' diff IDs, weighed by entries: together at most twice one image's limit. */
  static final BoundedCache<List<String>, MergedFilesystem> FILESYSTEMS = new BoundedCache<>("filesystems",
      2L * ImageLimits.maxEntries(), fs -> fs.entries().size());
  /**
   * Layer indexes by diff ID, weighed by entries and retained kilobytes: images that share layers (a fleet on one base)
   * index each once while it is kept.
   */
  static final BoundedCache<String, LayerIndex> LAYERS = new BoundedCache<>("layers", 2L * ImageLimits.maxEntries(),
      l -> l.entries().size() + l.contents().values().stream().mapToLong(b -> b.length).sum() / 1024);
  /** How many layer blobs this JVM has read and indexed (a hash-only verification does not count). */
  static final AtomicLong LAYERS_INDEXED = new AtomicLong();
  /** How many images this JVM exported from the engine ({@code docker save}). */
  static final AtomicLong ENGINE_EXPORTS = new AtomicLong();
  /** Build histories by config digest. */
  static final BoundedCache<String, BuildHistory> HISTORIES = new BoundedCache<>("histories", 4096, h -> 1);
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
}
