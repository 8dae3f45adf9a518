package io.podarmor.internal.junit;

import io.podarmor.internal.record.CheckRecord;
import io.podarmor.internal.record.CheckRecorder;
import io.podarmor.junit.report.HardeningReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Collects every property check made while it is open, and writes the hardening report once when it closes.
 *
 * <p>Two owners open one: {@link ReportLauncherSessionListener} for the whole JUnit Platform launcher session (every
 * check of the run, whichever class made it, {@code @PodArmorTest} or not), and {@code PodArmorExtension} in the root
 * store of an engine run, for launchers that do not load session listeners. The extension's session does not write
 * into a directory a launcher session is writing to: that one holds every check the extension's saw.
 */
public final class ReportSession implements AutoCloseable {
  /** Directories open launcher sessions will write to, and how many write to each. */
  private static final Map<Path, Integer> LAUNCHER_DIRS = new ConcurrentHashMap<>();

  private final HardeningReport report = new HardeningReport();
  private final Consumer<CheckRecord> listener = report::add;
  private final boolean launcherSession;
  private volatile Path dir;
  private boolean closed;

  private ReportSession(Path dir, boolean launcherSession) {
    this.launcherSession = launcherSession;
    this.dir = normalize(dir);
    if (launcherSession) {
      LAUNCHER_DIRS.merge(this.dir, 1, Integer::sum);
    }
    CheckRecorder.addListener(listener);
  }

  /** The session of an engine run, opened by the extension, writing into {@code dir}. */
  public ReportSession(Path dir) {
    this(dir, false);
  }

  /** The session of a whole launcher session; its directory may be set later with {@link #directory}. */
  static ReportSession forLauncher(Path dir) {
    return new ReportSession(dir, true);
  }

  /** Changes where a launcher session writes, once its test plan's configuration is known. */
  synchronized void directory(Path newDir) {
    Path normalized = normalize(newDir);
    if (closed || normalized.equals(dir)) {
      return;
    }
    if (launcherSession) {
      LAUNCHER_DIRS.merge(normalized, 1, Integer::sum);
      LAUNCHER_DIRS.computeIfPresent(dir, (k, n) -> n == 1 ? null : n - 1);
    }
    dir = normalized;
  }

  /** True when an open launcher session will write the report into this directory. */
  static boolean launcherSessionWritesTo(Path dir) {
    return LAUNCHER_DIRS.containsKey(normalize(dir));
  }

  /** Writes the report (when anything was checked and no launcher session covers it) and stops listening. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    CheckRecorder.removeListener(listener);
    if (launcherSession) {
      LAUNCHER_DIRS.computeIfPresent(dir, (k, n) -> n == 1 ? null : n - 1);
    } else if (launcherSessionWritesTo(dir)) {
      return;
    }
    if (!report.isEmpty()) {
      Path html = report.writeTo(dir);
      System.out.println("PodArmor hardening report: " + html.toAbsolutePath().toUri());
    }
  }

  private static Path normalize(Path dir) {
    return dir.toAbsolutePath().normalize();
  }
}
