package io.podarmor.junit.report;

import io.podarmor.verdict.Verdicts;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hears every verdict reached while it is open, and writes the hardening report once when it closes.
 *
 * <p>Two owners open one: {@link io.podarmor.junit.ReportLauncherSessionListener} for the whole JUnit Platform launcher session (every
 * verdict of the run, whichever class reached it, {@code @PodArmorTest} or not), kept in the launcher session's
 * store; and {@code PodArmorExtension} in the root store of an engine run, when no launcher session's report writes
 * to the same directory (a launcher that does not load session listeners).
 */
public final class ReportSession implements AutoCloseable {
  private final HardeningReport report = new HardeningReport();
  private final Verdicts.Registration registration;
  private volatile Path dir;
  private boolean closed;
  /** The test each thread runs, as the launcher or the extension says: the report names it beside each check. */
  private final Map<Thread, String> running = new ConcurrentHashMap<>();
  /** How many verdicts the report held when it was last written. */
  private int written;

  /** A session writing into {@code dir}; listening from now on. */
  public ReportSession(Path dir) {
    this.dir = normalize(dir);
    this.registration = Verdicts.register(verdict -> report.add(verdict, running.getOrDefault(Thread.currentThread(),
        "")));
  }

  /** The current thread now runs this test, e.g. {@code DemoImageHardeningTest > is distroless}. */
  public void testStarted(String test) {
    running.put(Thread.currentThread(), test);
  }

  /** The current thread's test ended. */
  public void testFinished() {
    running.remove(Thread.currentThread());
  }

  /** Changes where the session writes, once a launcher's test plan configuration is known. */
  public synchronized void directory(Path newDir) {
    dir = normalize(newDir);
  }

  /** True when this session will write its report into {@code other}. */
  public boolean writesTo(Path other) {
    return dir.equals(normalize(other));
  }

  /**
   * Writes the report and prints its path, when a verdict was reached since it was last written; the session keeps
   * listening.
   */
  public synchronized void write() {
    int verdicts = report.size();
    if (verdicts > 0 && verdicts != written) {
      written = verdicts;
      Path html = report.writeTo(dir);
      System.out.println("PodArmor hardening report: " + html.toAbsolutePath().toUri());
    }
  }

  /** Stops listening and writes the report, when a verdict was reached since it was last written. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    registration.close();
    write();
  }

  private static Path normalize(Path dir) {
    return dir.toAbsolutePath().normalize();
  }
}
