package io.podarmor.junit.report;

import io.podarmor.verdict.Verdicts;
import java.nio.file.Path;

/**
 * Hears every verdict reached while it is open, and writes the hardening report once when it closes.
 *
 * <p>Two owners open one: {@link ReportLauncherSessionListener} for the whole JUnit Platform launcher session (every
 * verdict of the run, whichever class reached it, {@code @PodArmorTest} or not), kept in the launcher session's
 * store; and {@code PodArmorExtension} in the root store of an engine run, when no launcher session's report writes
 * to the same directory (a launcher that does not load session listeners).
 */
public final class ReportSession implements AutoCloseable {
  private final HardeningReport report = new HardeningReport();
  private final Verdicts.Registration registration;
  private volatile Path dir;
  private boolean closed;

  /** A session writing into {@code dir}; listening from now on. */
  public ReportSession(Path dir) {
    this.dir = normalize(dir);
    this.registration = Verdicts.register(report);
  }

  /** Changes where the session writes, once a launcher's test plan configuration is known. */
  public synchronized void directory(Path newDir) {
    dir = normalize(newDir);
  }

  /** True when this session will write its report into {@code other}. */
  public boolean writesTo(Path other) {
    return dir.equals(normalize(other));
  }

  /** Stops listening and writes the report, when any verdict was reached. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    registration.close();
    if (!report.isEmpty()) {
      Path html = report.writeTo(dir);
      System.out.println("PodArmor hardening report: " + html.toAbsolutePath().toUri());
    }
  }

  private static Path normalize(Path dir) {
    return dir.toAbsolutePath().normalize();
  }
}
