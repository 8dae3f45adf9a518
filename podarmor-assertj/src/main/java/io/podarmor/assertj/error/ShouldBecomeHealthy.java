package io.podarmor.assertj.error;

import io.podarmor.runtime.HealthProbe;
import io.podarmor.runtime.RunningContainer;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A container did not become healthy in time: no HEALTHCHECK, a health status other than {@code healthy} when
 * time ran out (with the engine's health log), or a main process that exited first.
 *
 * <pre>
 * Expecting container:
 *   acme/api:1.4.2@sha256:… (container 0123456789ab, profile default)
 * to become healthy within 5s
 * but its health status was still unhealthy after 5s; the engine's last health probes:
 *   exit 1: database unreachable
 * </pre>
 */
public class ShouldBecomeHealthy extends BasicErrorMessageFactory {
  private static final String HEAD = "%nExpecting container:%n  %s%nto become healthy within %s%n";

  private ShouldBecomeHealthy(String format, Object... arguments) {
    super(format, arguments);
  }

  /** The engine reports no health status: the image declares no HEALTHCHECK, or {@code HEALTHCHECK NONE}. */
  public static ErrorMessageFactory shouldBecomeHealthyButHasNoHealthcheck(RunningContainer actual, String within) {
    return new ShouldBecomeHealthy(HEAD + "but the engine reports no health status: the image declares no "
        + "HEALTHCHECK (or HEALTHCHECK NONE)", unquotedString(ContainerMessages.describe(actual)),
        unquotedString(within));
  }

  /** Time ran out with the given status. */
  public static ErrorMessageFactory shouldBecomeHealthy(RunningContainer actual, String within, String status,
      List<HealthProbe> log) {
    return new ShouldBecomeHealthy(HEAD + "but its health status was still %s after %s; the engine's last health "
        + "probes:%n%s", unquotedString(ContainerMessages.describe(actual)), unquotedString(within),
        unquotedString(status), unquotedString(within), unquotedString(probes(log)));
  }

  /** The main process exited before the container became healthy. */
  public static ErrorMessageFactory shouldBecomeHealthyButExited(RunningContainer actual, String within,
      int exitCode, List<String> lastLogLines) {
    return new ShouldBecomeHealthy(HEAD + "but its main process exited with code %s first; last log lines:%n%s",
        unquotedString(ContainerMessages.describe(actual)), unquotedString(within),
        unquotedString(Integer.toString(exitCode)), unquotedString(ContainerMessages.indent(lastLogLines)));
  }

  private static String probes(List<HealthProbe> log) {
    return ContainerMessages.indent(log.stream().map(HealthProbe::toString).collect(Collectors.toList()));
  }
}
