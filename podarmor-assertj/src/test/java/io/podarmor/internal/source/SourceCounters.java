package io.podarmor.internal.source;

/** For benchmarks and tests outside this package: how much reading this JVM has done. */
public final class SourceCounters {
  private SourceCounters() {}

  /** Layers indexed (read and listed) in this JVM. */
  public static long layersIndexed() {
    return Caches.LAYERS_INDEXED.get();
  }

  /** Images exported from the engine ({@code docker save}) in this JVM. */
  public static long engineExports() {
    return Caches.ENGINE_EXPORTS.get();
  }
}
