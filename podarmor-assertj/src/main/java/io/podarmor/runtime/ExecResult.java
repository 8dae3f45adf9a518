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
 */
public final class ExecResult {
  private final int exitCode;
  private final String stdout;
  private final String stderr;

  public ExecResult(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.stderr = Objects.requireNonNull(stderr, "stderr");
  }

  /**
   * The exit code; when the engine could not start the command at all (no such file, not executable) it is the
   * engine's code, 126 or 127, and the engine's explanation is in {@link #stdout()} or {@link #stderr()}.
   */
  public int exitCode() {
    return exitCode;
  }

  public String stdout() {
    return stdout;
  }

  public String stderr() {
    return stderr;
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
  public boolean equals(Object o) {
    if (!(o instanceof ExecResult)) {
      return false;
    }
    ExecResult r = (ExecResult) o;
    return exitCode == r.exitCode && stdout.equals(r.stdout) && stderr.equals(r.stderr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, stdout, stderr);
  }

  @Override
  public String toString() {
    return "exit code " + exitCode + (output().isEmpty() ? "" : ": " + output());
  }
}
