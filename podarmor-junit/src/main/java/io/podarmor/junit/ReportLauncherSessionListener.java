package io.podarmor.junit;

import io.podarmor.junit.report.ReportSession;
import java.nio.file.Path;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the hardening report for a whole JUnit Platform launcher session (a {@code mvn test} run, an IDE run):
 * every verdict reached by any test, {@code @PodArmorTest} or not, lands in one report written when the session
 * closes. The launcher finds it through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener};
 * its {@link ReportSession} lives in the launcher session's store, where the extension finds it. The report directory
 * is {@code podarmor.report.dir} from the test plan's configuration (a configuration parameter,
 * {@code junit-platform.properties}, a system property) or {@code PODARMOR_REPORT_DIR}, else {@code target/podarmor}.
 */
public final class ReportLauncherSessionListener implements LauncherSessionListener {
  /** Where the report goes unless configured: the same default as the extension's. */
  public static final Path DEFAULT_REPORT_DIR = Path.of("target", "podarmor");
  /** The launcher session store's namespace of PodArmor's entries; the extension's namespace has the same parts. */
  public static final String NAMESPACE = "io.podarmor";

  /** Called by the launcher's service loader. */
  public ReportLauncherSessionListener() {}

  @Override
  public void launcherSessionOpened(LauncherSession launcherSession) {
    ReportSession opened = new ReportSession(DEFAULT_REPORT_DIR);
    launcherSession.getStore().put(Namespace.create(NAMESPACE), ReportSession.class, opened);
    launcherSession.getLauncher().registerTestExecutionListeners(new TestExecutionListener() {
      private volatile TestPlan plan;

      @Override
      public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        PodArmorConfiguration.of(testPlan.getConfigurationParameters()::get, System.getenv()).reportDir()
            .ifPresent(opened::directory);
      }

      @Override
      public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
          opened.testStarted(name(plan, test));
        }
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
          opened.testFinished();
        }
      }

      /** Written as the plan ends, while the build tool still shows what the tests print. */
      @Override
      public void testPlanExecutionFinished(TestPlan testPlan) {
        opened.write();
      }
    });
  }

  /** {@code Class display name > test display name}. */
  private static String name(TestPlan plan, TestIdentifier test) {
    String parent = plan == null ? "" : plan.getParent(test).map(TestIdentifier::getDisplayName).orElse("");
    return parent.isEmpty() ? test.getDisplayName() : parent + " > " + test.getDisplayName();
  }

  @Override
  public void launcherSessionClosed(LauncherSession launcherSession) {
    Object opened = launcherSession.getStore().remove(Namespace.create(NAMESPACE), ReportSession.class);
    if (opened instanceof ReportSession session) {
      session.close();
    }
  }
}
