package io.podarmor.assertj.error;

import io.podarmor.runtime.ProcessInfo;
import io.podarmor.runtime.RunningContainer;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A container's main process, seen from outside, runs as root (effective or real uid 0).
 *
 * <pre>
 * Expecting container:
 *   acme/api:1.4.2@sha256:… (container 0123456789ab, profile default)
 * to run its main process as a non-root user
 * but found:
 *   euid 0, ruid 0, egid 0, rgid 0: /app serve
 * </pre>
 */
public class ShouldRunAsNonRootAtRuntime extends BasicErrorMessageFactory {

  private ShouldRunAsNonRootAtRuntime(String format, Object... arguments) {
    super(format, arguments);
  }

  /** The message for a container whose main process runs as root. */
  public static ErrorMessageFactory shouldRunAsNonRootAtRuntime(RunningContainer actual, ProcessInfo found) {
    return new ShouldRunAsNonRootAtRuntime("%nExpecting container:%n  %s%nto run its main process as a non-root user%n"
        + "but found:%n  %s", unquotedString(ContainerMessages.describe(actual)), unquotedString(found.toString()));
  }
}
