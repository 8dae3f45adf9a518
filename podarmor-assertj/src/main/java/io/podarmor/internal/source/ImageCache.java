package io.podarmor.internal.source;

import io.podarmor.internal.fs.MergedFilesystem;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The JVM-wide cache: one indexing per list of layers, however many tests, threads or sources ask, keyed by content
 * addresses that were verified. A failed indexing is not cached, so the next caller gets the error again rather than a
 * stale result.
 */
final class ImageCache {
  private static final ConcurrentMap<String, Memo<?>> CACHE = new ConcurrentHashMap<>();

  private ImageCache() {}

  /**
   * The filesystem of these layers (their diff IDs, bottom first), computing it at most once at a time, naming
   * {@code source} (the input this caller read) in its errors. Only a caller that verified its blobs hold these diff
   * IDs may ask.
   */
  static MergedFilesystem filesystem(List<String> diffIds, String source, Supplier<MergedFilesystem> compute) {
    return get(filesystemKey(diffIds), compute).named(source);
  }

  /** True when the filesystem of these layers is cached. */
  static boolean hasFilesystem(List<String> diffIds) {
    return peek(filesystemKey(diffIds)).isPresent();
  }

  /** Caches the filesystem just indexed from these layers, unless one already is; returns the cached one. */
  static MergedFilesystem putFilesystem(List<String> diffIds, MergedFilesystem fs) {
    return get(filesystemKey(diffIds), () -> fs);
  }

  private static String filesystemKey(List<String> diffIds) {
    return "fs:" + String.join(",", diffIds);
  }

  static <T> T get(String key, Supplier<T> compute) {
    return get(key, compute, v -> true);
  }

  /** As {@link #get(String, Supplier)}, but a value {@code keep} refuses is handed out without being cached. */
  @SuppressWarnings("unchecked")
  static <T> T get(String key, Supplier<T> compute, java.util.function.Predicate<T> keep) {
    Memo<T> memo = (Memo<T>) CACHE.computeIfAbsent(key, k -> new Memo<>(compute));
    T value;
    try {
      value = memo.get();
    } catch (RuntimeException e) {
      CACHE.remove(key, memo);
      throw e;
    }
    if (!keep.test(value)) {
      CACHE.remove(key, memo);
    }
    return value;
  }

  /** The value cached under {@code key} and already computed, if any. */
  @SuppressWarnings("unchecked")
  static <T> java.util.Optional<T> peek(String key) {
    Memo<T> memo = (Memo<T>) CACHE.get(key);
    return memo == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(memo.value);
  }

  /** Forgets every cached index. */
  static void clear() {
    CACHE.clear();
  }

  /** Memoizes a supplier: concurrent callers wait for the first computation. */
  static <T> Supplier<T> memoize(Supplier<T> compute) {
    return new Memo<>(compute);
  }

  private static final class Memo<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private volatile T value;

    Memo(Supplier<T> compute) {
      this.compute = compute;
    }

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
  }
}
