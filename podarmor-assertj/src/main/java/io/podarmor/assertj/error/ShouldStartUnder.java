package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.RuntimeProfile;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * An image's container did not keep running under a runtime profile for the settle period: its main process
 * exited (exit code and last log lines shown), or the engine would not start it.
 *
 * <pre>
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to start and keep running for 2s under profile restricted (read-only root filesystem, tmpfs /tmp, …)
 * but its main process exited with code 1; last log lines:
 *   sh: can't create /var/run/app.pid: Read-only file system
 * </pre>
 */
public class ShouldStartUnder extends BasicErrorMessageFactory {
  private static final String HEAD = "%nExpecting image:%n  %s%nto start and keep running for %s under profile %s%n";

  private ShouldStartUnder(String format, Object... arguments) {
    super(format, arguments);
  }

  /** The main process exited within the settle period. */
  public static ErrorMessageFactory shouldStartUnder(ContainerImage image, RuntimeProfile profile, String settle,
      int exitCode, List<String> lastLogLines) {
    return new ShouldStartUnder(HEAD + "but its main process exited with code %s; last log lines:%n%s",
        unquotedString(ImageMessages.name(image)), unquotedString(settle),
        unquotedString(profile.toString()), unquotedString(Integer.toString(exitCode)),
        unquotedString(ContainerMessages.indent(lastLogLines)));
  }

  /** The engine refused to create or start the container. */
  public static ErrorMessageFactory shouldStartUnderButEngineRefused(ContainerImage image, RuntimeProfile profile,
      String settle, String reason) {
    return new ShouldStartUnder(HEAD + "but it could not be started:%n  %s",
        unquotedString(ImageMessages.name(image)), unquotedString(settle),
        unquotedString(profile.toString()), unquotedString(reason));
  }
}
