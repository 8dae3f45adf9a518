package io.podarmor.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** What the benchmarks share: fresh JVMs on this classpath, commands timed whole, medians. */
public final class BenchProcess {
  private BenchProcess() {}

  /** The output of a finished process and its wall time. */
  public record Run(String output, double seconds) {
    /** The {@code key=value} lines of the output. */
    public Map<String, String> values() {
      Map<String, String> m = new LinkedHashMap<>();
      for (String line : output.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
      }
      return m;
    }
  }

  /** Runs {@code main(args)} of {@code type} in a fresh JVM with these JVM options; fails when it fails. */
  public static Run java(List<String> jvmOptions, Class<?> type, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath(), type.getName()));
    command.addAll(Arrays.asList(args));
    return run(true, command);
  }

  /** Runs a command and times it; when {@code mustSucceed}, a non-zero exit fails with its output. */
  public static Run run(boolean mustSucceed, List<String> command) throws Exception {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (mustSucceed && exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "):\n" + out);
    }
    return new Run(out, seconds);
  }

  /** The classpath of the running benchmark: under exec:java a URLClassLoader's, not java.class.path. */
  public static String classpath() {
    ClassLoader loader = BenchProcess.class.getClassLoader();
    if (loader instanceof URLClassLoader) {
      List<String> paths = new ArrayList<>();
      for (URL url : ((URLClassLoader) loader).getURLs()) {
        try {
          paths.add(Path.of(url.toURI()).toString());
        } catch (Exception e) {
          throw new IllegalStateException("Cannot use classpath entry " + url, e);
        }
      }
      return String.join(File.pathSeparator, paths);
    }
    return System.getProperty("java.class.path");
  }

  /**
   * Watches this JVM's heap until closed: the peak used (sampled every 5 ms) and the largest live set a GC left.
   */
  public static final class HeapWatch implements AutoCloseable {
    private final AtomicLong liveAfterGc = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    public HeapWatch() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            liveAfterGc.accumulateAndGet(info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum(), Math::max);
          }
        }, null, null);
      }
      sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
    }

    /** The peak heap used, in bytes. */
    public long peak() {
      return peak.get();
    }

    /** The largest heap in use right after a GC, in bytes. */
    public long live() {
      return liveAfterGc.get();
    }

    @Override
    public void close() throws InterruptedException {
      sampler.interrupt();
      sampler.join();
    }
  }

  /** The median of the values. */
  public static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
