package io.podarmor.assertj.error;

import io.podarmor.runtime.RunningContainer;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A shell could be exec'd in a running container, or an exec could not be decided.
 *
 * <pre>
 * Expecting container:
 *   acme/api:1.4.2@sha256:… (container 0123456789ab, profile default)
 * not to be able to exec a shell
 * but found:
 *   /bin/sh -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe
 * </pre>
 */
public class ShouldNotExecShell extends BasicErrorMessageFactory {

  private ShouldNotExecShell(String format, Object... arguments) {
    super(format, arguments);
  }

  /** {@code evidence}: one line per shell that ran or could not be checked. */
  public static ErrorMessageFactory shouldNotExecShell(RunningContainer actual, List<String> evidence) {
    return new ShouldNotExecShell("%nExpecting container:%n  %s%nnot to be able to exec a shell%nbut found:%n%s",
        unquotedString(ContainerMessages.describe(actual)), unquotedString(ContainerMessages.indent(evidence)));
  }
}
