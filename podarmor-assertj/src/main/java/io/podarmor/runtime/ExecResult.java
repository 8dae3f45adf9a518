package io.podarmor.runtime;

import java.util.Objects;

/**
 * What a command run in a container with {@link RunningContainer#exec(String...)} produced: its exit code and its
 * standard output and error, as text.
 *
 * <pre>{@code
 * ExecResult r = container.exec("/app", "--version");
 * r.exitCode()  // 0
 * r.stdout()    // "app 1.4.2\n"
 * }</pre>
 *
 * @param exitCode the exit code; when the engine could not start the command at all (no such file, not executable)
 *                 it is the engine's code, 126 or 127, and the engine's explanation is in the output
 * @param stdout   standard output
 * @param stderr   standard error
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
  /** Makes the record; no component may be null. */
  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** True when the command ran and exited 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Standard output then standard error, trimmed, on one line each, for messages. */
  public String output() {
    String out = stdout.strip();
    String err = stderr.strip();
    return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
  }

  @Override
  public String toString() {
    return "exit code " + exitCode + (output().isEmpty() ? "" : ": " + output());
  }
}
