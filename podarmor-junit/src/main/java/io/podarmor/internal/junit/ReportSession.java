package io.podarmor.internal.junit;

import io.podarmor.internal.record.CheckRecord;
import io.podarmor.internal.record.CheckRecorder;
import io.podarmor.junit.report.HardeningReport;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Collects every property check of the run while registered, and writes the hardening report when JUnit closes the
 * root store at the end of the run.
 */
public final class ReportSession implements AutoCloseable {
  private final HardeningReport report = new HardeningReport();
  private final Consumer<CheckRecord> listener = report::add;
  private final Path dir;

  public ReportSession(Path dir) {
    this.dir = dir;
    CheckRecorder.addListener(listener);
  }

  /** Writes the report (when anything was checked) and stops listening. */
  @Override
  public void close() {
    CheckRecorder.removeListener(listener);
    if (!report.isEmpty()) {
      Path html = report.writeTo(dir);
      System.out.println("PodArmor hardening report: " + html.toAbsolutePath().toUri());
    }
  }
}
