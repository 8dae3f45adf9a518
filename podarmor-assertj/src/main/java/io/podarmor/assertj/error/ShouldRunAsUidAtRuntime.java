package io.podarmor.assertj.error;

import io.podarmor.runtime.ProcessInfo;
import io.podarmor.runtime.RunningContainer;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A container's main process, seen from outside, does not run as the expected uid.
 *
 * <pre>
 * Expecting container:
 *   acme/api:1.4.2@sha256:… (container 0123456789ab, profile default)
 * to run its main process as uid 65532
 * but found:
 *   euid 0, ruid 0, egid 0, rgid 0: /app serve
 * </pre>
 */
public class ShouldRunAsUidAtRuntime extends BasicErrorMessageFactory {

  private ShouldRunAsUidAtRuntime(String format, Object... arguments) {
    super(format, arguments);
  }

  /** The main process runs as another uid than {@code expected} (effective or real). */
  public static ErrorMessageFactory shouldRunAsUidAtRuntime(RunningContainer actual, long expected,
      ProcessInfo found) {
    return new ShouldRunAsUidAtRuntime("%nExpecting container:%n  %s%nto run its main process as uid %s%n"
        + "but found:%n  %s", unquotedString(ContainerMessages.describe(actual)),
        unquotedString(Long.toString(expected)), unquotedString(found.toString()));
  }
}
