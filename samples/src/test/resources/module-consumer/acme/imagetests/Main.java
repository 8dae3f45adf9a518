package acme.imagetests;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the suite against the image named by the first argument, writes the report into the second, trusts the
 * Sigstore trusted root of the third, and exits 0 only when every test passed.
 */
public final class Main {
  public static void main(String[] args) {
    System.setProperty("acme.trusted-root", args[2]);
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    try (LauncherSession session = LauncherFactory.openSession()) {
      Launcher launcher = session.getLauncher();
      launcher.execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(ImageHardeningTest.class))
          .configurationParameter("podarmor.image", args[0])
          .configurationParameter("podarmor.report.dir", args[1])
          .build(), summary);
    }
    TestExecutionSummary result = summary.getSummary();
    result.printTo(new PrintWriter(System.out));
    result.printFailuresTo(new PrintWriter(System.out), 20);
    System.exit(result.getTotalFailureCount() == 0 && result.getTestsSucceededCount() == 3 ? 0 : 1);
  }
}
