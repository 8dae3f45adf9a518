package io.podarmor.bench;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.source.ImageSources;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The indexing benchmark: builds (once) a large synthetic OCI layout, measures the decompression floor
 * ({@code gzip -dc | tar -t} per layer, one after another and all at once), then, in a fresh JVM limited to
 * {@code -Xmx256m} and without the disk cache, the time to index it with {@code ContainerImage.fromOciLayout(…).filesystem()}, the heap it
 * needed, and the time of a check on the indexed image (every entry scanned for set-id bits, {@code /bin/sh}
 * resolved).
 *
 * <pre>
 * mvn -q -pl podarmor-assertj test-compile exec:java                       # layout under podarmor-assertj/target
 * mvn -q -pl podarmor-assertj test-compile exec:java -Dexec.args=/tmp/bench   # layout elsewhere
 * </pre>
 */
public final class IndexBenchmark {
  private static final double INDEX_TARGET = 1.5;
  private static final long HEAP_TARGET = 256L << 20;
  private static final double CHECK_TARGET_MS = 50;
  private static final int CHECK_RUNS = 200;
  private static final int JVM_RUNS = 3;

  private IndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--measure")) {
      measure(Path.of(args[1]));
      return;
    }
    Path dir = args.length > 0 ? Path.of(args[0]) : defaultDir();
    System.out.println("PodArmor index benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
    long t0 = System.nanoTime();
    Properties image = SyntheticImage.ensure(dir);
    System.out.printf(Locale.ROOT, "layout   %s (ready in %.1f s)%n", dir, seconds(System.nanoTime() - t0));
    System.out.printf(Locale.ROOT, "image    %s layers, %,d files, %,d MB uncompressed, %,d MB gzip%n",
        image.getProperty("layers"), Long.parseLong(image.getProperty("files")),
        Long.parseLong(image.getProperty("uncompressed")) >> 20, Long.parseLong(image.getProperty("compressed")) >> 20);

    List<Path> blobs = Arrays.stream(image.getProperty("blobs").split(","))
        .map(d -> dir.resolve("blobs/sha256/" + d.substring(7))).collect(Collectors.toList());
    floor(blobs, false); // warms the page cache: every measurement below reads from memory
    double sequential = Math.min(floor(blobs, false), Math.min(floor(blobs, false), floor(blobs, false)));
    double parallel = Math.min(floor(blobs, true), Math.min(floor(blobs, true), floor(blobs, true)));
    System.out.printf(Locale.ROOT, "floor    gzip -dc | tar -t: %.2f s one layer after another, %.2f s all layers "
        + "at once (best of 3)%n", sequential, parallel);

    // like the floors, the best of several runs: the machine may be busy with other work
    List<Map<String, String>> runs = new ArrayList<>();
    for (int i = 0; i < JVM_RUNS; i++) {
      runs.add(child(dir));
    }
    double index = min(runs, "index.s");
    double indexMedian = median(runs, "index.s");
    double indexWarm = min(runs, "index.warm.s");
    double open = min(runs, "open.s");
    double cpu = min(runs, "index.cpu.s");
    long peak = (long) max(runs, "heap.peak");
    long live = (long) max(runs, "heap.live");
    double checkMedian = median(runs, "check.median.ms");
    double checkP95 = max(runs, "check.p95.ms");
    Map<String, String> m = runs.get(0);
    System.out.printf(Locale.ROOT, "index    %.2f s in a fresh JVM (best of %d, median %.2f; %.2f s of it opening the "
        + "layout, %.1f CPU-s), %.2f s again in a warmed-up JVM with the cache cleared%n", index, JVM_RUNS,
        indexMedian, open, cpu, indexWarm);
    System.out.printf(Locale.ROOT, "         %s entries, %s set-id files%n", m.get("entries"), m.get("setid"));
    System.out.printf(Locale.ROOT, "         fresh JVM: %.2fx the sequential floor, %.2fx the parallel floor; warmed up: "
        + "%.2fx the parallel floor (target <= %.1fx)%n", index / sequential, index / parallel, indexWarm / parallel,
        INDEX_TARGET);
    System.out.printf(Locale.ROOT, "heap     -Xmx256m held; peak used %d MB, largest live set after a GC %d MB "
        + "(target < 256 MB)%n", peak >> 20, live >> 20);
    System.out.printf(Locale.ROOT, "check    set-id scan of every entry + resolve /bin/sh: median %.2f ms, p95 %.2f ms"
        + " over %d runs (target < %.0f ms)%n", checkMedian, checkP95, CHECK_RUNS * JVM_RUNS, CHECK_TARGET_MS);
    List<String> missed = new ArrayList<>();
    if (index > INDEX_TARGET * parallel) {
      missed.add(String.format(Locale.ROOT, "index %.2fx the parallel floor in a fresh JVM", index / parallel));
    }
    if (peak >= HEAP_TARGET) {
      missed.add("heap " + (peak >> 20) + " MB");
    }
    if (checkMedian >= CHECK_TARGET_MS) {
      missed.add(String.format(Locale.ROOT, "check %.2f ms", checkMedian));
    }
    System.out.println(missed.isEmpty() ? "targets  all met" : "targets  MISSED: " + String.join(", ", missed));
  }

  /** Runs {@code gzip -dc <layer> | tar -t >/dev/null} for every layer; returns the wall time in seconds. */
  private static double floor(List<Path> blobs, boolean parallel) throws Exception {
    long start = System.nanoTime();
    List<Process> running = new ArrayList<>();
    for (Path blob : blobs) {
      Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; gzip -dc \"$1\" | tar -t > /dev/null", "floor",
          blob.toString()).redirectErrorStream(true).start();
      if (parallel) {
        running.add(p);
      } else {
        await(p);
      }
    }
    for (Process p : running) {
      await(p);
    }
    return seconds(System.nanoTime() - start);
  }

  private static void await(Process p) throws Exception {
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("gzip -dc | tar -t failed: " + output);
    }
  }

  /**
   * Measures indexing in a fresh JVM with a 256 MB heap, as a test run would meet the image first: the disk cache off,
   * or the second measurement would find the first one's indexes.
   */
  private static Map<String, String> child(Path dir) throws Exception {
    return BenchProcess.java(List.of("-Xmx256m", "-Dpodarmor.cache.dir=none"), IndexBenchmark.class, "--measure",
        dir.toString()).values();
  }

  private static void measure(Path dir) throws Exception {
    BenchProcess.HeapWatch heap = new BenchProcess.HeapWatch();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    ContainerImage image = ContainerImage.fromOciLayout(dir);
    long openNanos = System.nanoTime() - t0;
    ImageFilesystem fs = image.filesystem();
    long indexNanos = System.nanoTime() - t0;
    long indexCpu = os.getProcessCpuTime() - cpu0;
    heap.close();

    double[] runs = new double[CHECK_RUNS];
    int setId = 0;
    for (int i = 0; i < CHECK_RUNS; i++) {
      long s = System.nanoTime();
      ImageFilesystem cached = image.filesystem();
      List<String> found = new ArrayList<>();
      for (FileEntry e : cached.entries()) {
        if (e.isRegularFile() && (e.isSetuid() || e.isSetgid())) {
          found.add(e.lsMode() + " " + e.uid() + ":" + e.gid() + " " + e.path() + " " + e.layerDescription());
        }
      }
      if (cached.resolve("/bin/sh").isEmpty()) {
        throw new IllegalStateException("/bin/sh does not resolve in the synthetic image");
      }
      runs[i] = (System.nanoTime() - s) / 1e6;
      setId = found.size();
    }
    Arrays.sort(runs);

    ImageSources.clearCache();
    long w0 = System.nanoTime();
    ContainerImage.fromOciLayout(dir).filesystem();
    long warmNanos = System.nanoTime() - w0;

    System.out.println("index.s=" + seconds(indexNanos));
    System.out.println("open.s=" + seconds(openNanos));
    System.out.println("index.warm.s=" + seconds(warmNanos));
    System.out.println("index.cpu.s=" + seconds(indexCpu));
    System.out.println("entries=" + fs.entries().size());
    System.out.println("setid=" + setId);
    System.out.println("heap.peak=" + heap.peak());
    System.out.println("heap.live=" + heap.live());
    System.out.println("check.median.ms=" + runs[runs.length / 2]);
    System.out.println("check.p95.ms=" + runs[(int) (runs.length * 0.95)]);
  }

  private static Path defaultDir() throws Exception {
    Path classes = Path.of(IndexBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = classes.getParent();
    return target.resolve("podarmor-bench");
  }

  private static double min(List<Map<String, String>> runs, String key) {
    return runs.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).min().orElseThrow();
  }

  private static double max(List<Map<String, String>> runs, String key) {
    return runs.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).max().orElseThrow();
  }

  private static double median(List<Map<String, String>> runs, String key) {
    double[] v = runs.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).sorted().toArray();
    return v[v.length / 2];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
