package io.podarmor.assertj.error;

import io.podarmor.internal.runtime.Liveness;
import io.podarmor.runtime.RunningContainer;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A runtime check could not observe what it needs, so it fails rather than pass: the main process has exited
 * (typical of a CLI image, which needs a keep-alive command), or the engine could not answer.
 *
 * <pre>
 * Expecting container:
 *   acme/jq:1.7@sha256:… (container 0123456789ab, profile default)
 * to run its main process as a non-root user
 * but its main process has exited with code 0, so there is no process to check. An image whose main process exits
 * at once, like a CLI tool, needs a keep-alive command for runtime checks: …
 * last log lines:
 *   jq 1.7
 * </pre>
 */
public class ShouldBeObservableAtRuntime extends BasicErrorMessageFactory {
  private ShouldBeObservableAtRuntime(String format, Object... arguments) {
    super(format, arguments);
  }

  /** {@code expectation}: what the check expected, e.g. {@code to run its main process as uid 65532}. */
  public static ErrorMessageFactory shouldHaveLiveProcess(RunningContainer actual, String expectation, int exitCode,
      List<String> lastLogLines) {
    return new ShouldBeObservableAtRuntime("%nExpecting container:%n  %s%n%s%nbut its main process has exited with "
        + "code %s, so there is no process to check. %s%nlast log lines:%n%s",
        unquotedString(ContainerMessages.describe(actual)), unquotedString(expectation),
        unquotedString(Integer.toString(exitCode)), unquotedString(Liveness.KEEP_ALIVE_ADVICE),
        unquotedString(ContainerMessages.indent(lastLogLines)));
  }

  /** The engine could not answer; {@code reason} says why. */
  public static ErrorMessageFactory shouldBeObservable(RunningContainer actual, String expectation, String reason) {
    return new ShouldBeObservableAtRuntime("%nExpecting container:%n  %s%n%s%nbut the check could not be made:%n  %s",
        unquotedString(ContainerMessages.describe(actual)), unquotedString(expectation), unquotedString(reason));
  }
}
