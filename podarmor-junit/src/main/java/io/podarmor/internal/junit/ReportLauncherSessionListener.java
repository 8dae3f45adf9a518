package io.podarmor.internal.junit;

import io.podarmor.junit.PodArmorConfiguration;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the hardening report for a whole JUnit Platform launcher session (a {@code mvn test} run, an IDE run):
 * every check recorded by any test, {@code @PodArmorTest} or not, lands in one report written when the session
 * closes. The launcher finds it through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener};
 * the report directory is {@code podarmor.report.dir} from the test plan's configuration (a configuration
 * parameter, {@code junit-platform.properties}, a system property) or {@code PODARMOR_REPORT_DIR}, else
 * {@code target/podarmor}.
 */
public final class ReportLauncherSessionListener implements LauncherSessionListener {
  /** Where the report goes unless configured: the same default as the extension's. */
  static final Path DEFAULT_REPORT_DIR = Path.of("target", "podarmor");

  private volatile ReportSession session;

  /** Called by the launcher's service loader. */
  public ReportLauncherSessionListener() {}

  @Override
  public void launcherSessionOpened(LauncherSession launcherSession) {
    ReportSession opened = ReportSession.forLauncher(DEFAULT_REPORT_DIR);
    session = opened;
    launcherSession.getLauncher().registerTestExecutionListeners(new TestExecutionListener() {
      @Override
      public void testPlanExecutionStarted(TestPlan testPlan) {
        PodArmorConfiguration.of(testPlan.getConfigurationParameters()::get, System.getenv()).reportDir()
            .ifPresent(opened::directory);
      }
    });
  }

  @Override
  public void launcherSessionClosed(LauncherSession launcherSession) {
    ReportSession opened = session;
    session = null;
    if (opened != null) {
      opened.close();
    }
  }
}
