package io.podarmor.internal.fs;

/**
 * The bounds that keep a hostile image from costing unbounded memory or time. Each one hit is a clear
 * {@link io.podarmor.image.ImageException} naming the limit and the input; the kernel's own limits are used where the
 * engine could not unpack or run the image beyond them anyway.
 */
public final class ImageLimits {
  /** Longest path the kernel opens ({@code PATH_MAX} less the terminating NUL), in bytes. */
  public static final int MAX_PATH_BYTES = 4095;
  /** Longest file name the kernel creates ({@code NAME_MAX}), in bytes. */
  public static final int MAX_NAME_BYTES = 255;
  /** Longest symlink target {@code symlink(2)} accepts, in bytes. */
  public static final int MAX_LINK_TARGET_BYTES = 4095;
  /** Symlinks the kernel follows in one path lookup ({@code MAXSYMLINKS}). */
  public static final int MAX_SYMLINK_HOPS = 40;
  /** Images listed below one index, nested indexes included, and nested indexes read. */
  public static final int MAX_INDEX_MANIFESTS = 1024;
  /**
   * Layers one image may have: the Docker engine refuses a 126th ("max depth exceeded" from {@code docker load} and
   * {@code docker pull}), and each layer costs a pass over every entry it lists.
   */
  public static final int MAX_LAYERS = 125;
  /** Entries read from a {@code docker save} archive's outer tar. */
  public static final int MAX_ARCHIVE_ENTRIES = 100_000;

  private static final long BYTES_PER_ENTRY = 2048;
  private static final int MIN_ENTRIES = 65_536;

  private ImageLimits() {}

  /**
   * Filesystem entries one image may have: one per 2 KiB of the JVM's maximum heap (an entry costs a few hundred bytes
   * while it is indexed), at least 65,536: 131,072 under {@code -Xmx256m}, about 3 million under 6 GiB.
   */
  public static int maxEntries() {
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(MIN_ENTRIES, Runtime.getRuntime().maxMemory()
        / BYTES_PER_ENTRY));
  }

  /**
   * Content kept for checks (account files, package databases, SBOMs, apt sources) per layer: 64 MiB, or a sixteenth
   * of the maximum heap when that is less (16 MiB under {@code -Xmx256m}).
   */
  public static long retainedPerLayer() {
    return Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 16);
  }

  /** Content kept for checks per image, over all its layers: 128 MiB, or an eighth of the maximum heap when less. */
  public static long retainedPerImage() {
    return Math.min(128L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
  }

  /** {@code n} bytes in MiB, for messages. */
  public static String mib(long n) {
    return n % (1024 * 1024) == 0 ? n / (1024 * 1024) + " MiB" : String.format("%.1f MiB", n / (1024.0 * 1024));
  }

  /** How {@link #maxEntries()} is chosen, for the error that says it was hit. */
  public static String describeMaxEntries() {
    return String.format("%,d entries, PodArmor's limit for this JVM's maximum heap of %d MiB (one entry per 2 KiB;"
        + " a larger -Xmx raises it)", maxEntries(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
