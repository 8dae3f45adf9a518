package io.podarmor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine's own command line, {@code /usr/bin/docker}, for what tests want done exactly as a user would
 * ({@code docker save}, {@code docker build}, {@code docker import}).
 *
 * <pre>{@code DockerCli.run("save", "-o", tar.toString(), "podarmor-test/app:1");}</pre>
 */
public final class DockerCli {
  private static final Path DOCKER = Path.of("/usr/bin/docker");
  private static final long TIMEOUT_MINUTES = 10;

  private DockerCli() {}

  /** Runs {@code docker <args>} and returns its standard output; fails with its output when it exits non-zero. */
  public static String run(String... args) {
    return run(null, args);
  }

  /** Like {@link #run(String...)}, in a working directory (for {@code docker build .}). */
  public static String run(Path workingDir, String... args) {
    if (!Files.isExecutable(DOCKER)) {
      throw new IllegalStateException(DOCKER + " is missing: install Debian's docker.io (.ci/run does)");
    }
    List<String> command = new ArrayList<>();
    command.add(DOCKER.toString());
    command.addAll(List.of(args));
    // the classic builder: what `docker build` is on an engine without buildx, and the same on every machine
    return exec(command, workingDir, Map.of("DOCKER_BUILDKIT", "0"));
  }

  /**
   * Runs any command with extra environment variables, returning its standard output; fails with its output when it
   * exits non-zero.
   */
  public static String exec(List<String> command, Path workingDir, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
          "/dev/null")));
      pb.environment().putAll(env);
      if (workingDir != null) {
        pb.directory(workingDir.toFile());
      }
      Process p = pb.start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES
            + " minutes");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue()
            + ":\n" + tail(out.join()) + tail(err.join()));
      }
      return out.join();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }

  private static String slurp(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
  }
}
