/**
 * PodArmor's JUnit Jupiter extension ({@code @PodArmorTest}), its contracts and the hardening report. Exports the
 * extension's package and the report's; the assertions come with {@code io.podarmor.assertj}.
 */
module io.podarmor.junit {
  exports io.podarmor.junit;
  exports io.podarmor.junit.report;

  requires transitive io.podarmor.assertj;
  requires transitive org.junit.jupiter.api;
  requires static org.junit.platform.launcher;
  requires com.fasterxml.jackson.databind;

  provides org.junit.platform.launcher.LauncherSessionListener with io.podarmor.junit.ReportLauncherSessionListener;
}
