package io.podarmor.assertj;

import static io.podarmor.assertj.error.ShouldBecomeHealthy.shouldBecomeHealthy;
import static io.podarmor.assertj.error.ShouldBecomeHealthy.shouldBecomeHealthyButExited;
import static io.podarmor.assertj.error.ShouldBecomeHealthy.shouldBecomeHealthyButHasNoHealthcheck;
import static io.podarmor.assertj.error.ShouldBeObservableAtRuntime.shouldBeObservable;
import static io.podarmor.assertj.error.ShouldBeObservableAtRuntime.shouldHaveLiveProcess;
import static io.podarmor.assertj.error.ShouldNotExecShell.shouldNotExecShell;
import static io.podarmor.assertj.error.ShouldRunAsNonRootAtRuntime.shouldRunAsNonRootAtRuntime;
import static io.podarmor.assertj.error.ShouldRunAsUidAtRuntime.shouldRunAsUidAtRuntime;
import static io.podarmor.assertj.error.ShouldStartUnder.shouldStartUnder;
import static io.podarmor.assertj.error.ShouldStartUnder.shouldStartUnderButEngineRefused;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.runtime.Durations;
import io.podarmor.internal.runtime.ShellCandidates;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ExecResult;
import io.podarmor.runtime.HealthProbe;
import io.podarmor.runtime.ProcessExitedException;
import io.podarmor.runtime.ProcessInfo;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a {@link RunningContainer}, observed from outside the container: the main process' user from the
 * engine's process list, shells by {@code docker exec}, health from the engine's health status. They work on
 * images without {@code id}, {@code find} or a shell. A check that needs a live process fails with advice when
 * the main process has exited (a CLI image needs a keep-alive command, {@link RuntimeProfile#withKeepAlive}), and a
 * check the engine cannot answer fails rather than pass.
 *
 * <pre>{@code
 * try (RunningContainer container = RunningContainer.start(image, RuntimeProfile.RESTRICTED)) {
 *   assertThat(container).runsAsNonRoot().cannotExecShell().becomesHealthyWithin(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public class ContainerAssert extends AbstractAssert<ContainerAssert, RunningContainer> {
  /** How long {@link #startsUnder(RuntimeProfile)} waits before it checks that the container still runs. */
  public static final Duration DEFAULT_SETTLE_PERIOD = Duration.ofSeconds(2);

  /** What {@link #cannotExecShell()} asks each shell to run. */
  static final String SHELL_PROBE = "echo podarmor-shell-probe";

  private static final Duration SHELL_EXEC_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int LOG_LINES = 10;

  /** Assertions on this running container; {@code PodArmorAssertions.assertThat(container)} makes one. */
  public ContainerAssert(RunningContainer actual) {
    super(actual, ContainerAssert.class);
  }

  /**
   * Verifies that the container's main process runs as {@code uid}: both its effective and its real uid, read
   * from the engine's process list.
   *
   * <pre>{@code
   * // passes for an image with USER 65532 (or a passwd name resolving to it)
   * assertThat(container).runsAsUid(65532);
   * // fails for an image without USER: its process runs as uid 0
   * assertThat(rootContainer).runsAsUid(65532);
   * }</pre>
   */
  public ContainerAssert runsAsUid(int uid) {
    return runtime(uid == 0 ? Property.OTHER : Property.RUNTIME_NON_ROOT, "runsAsUid(" + uid + ")",
        "run its main process as uid " + uid, "runtime: uid of the main process from the engine's process list", () -> {
      ProcessInfo process = observe("to run its main process as uid " + uid, RunningContainer::mainProcess);
      if (process.uid() != uid || process.realUid() != uid) {
        throw failed(List.of(process.toString()), shouldRunAsUidAtRuntime(actual, uid, process));
      }
      return List.of(process.toString());
    });
  }

  /**
   * Verifies that the container's main process does not run as root: neither its effective nor its real uid is 0.
   *
   * <pre>{@code
   * // passes for an image with USER 65532
   * assertThat(container).runsAsNonRoot();
   * // fails for an image without USER, or with USER root, 0 or 0:0
   * assertThat(rootContainer).runsAsNonRoot();
   * }</pre>
   */
  public ContainerAssert runsAsNonRoot() {
    return runtime(Property.RUNTIME_NON_ROOT, "runsAsNonRoot()", "run its main process as a non-root user",
        "runtime: uid of the main process from the engine's process list", () -> {
      ProcessInfo process = observe("to run its main process as a non-root user", RunningContainer::mainProcess);
      if (process.uid() == 0 || process.realUid() == 0) {
        throw failed(List.of(process.toString()), shouldRunAsNonRootAtRuntime(actual, process));
      }
      return List.of(process.toString());
    });
  }

  /**
   * Verifies that no shell can be exec'd in the container: {@code /bin/sh -c}, and {@code sh}, {@code bash},
   * {@code ash} looked up on the image's PATH, and every shell the image's filesystem holds (by name, by content,
   * or listed in {@code /etc/shells}; multi-call binaries as {@code busybox sh}), each as the image's user. Each
   * exec must fail; an exec that exits 0 is a shell that ran, and an exec the engine cannot decide fails the check.
   *
   * <pre>{@code
   * // passes for a distroless image (the engine answers exit 126/127: no such file)
   * assertThat(distrolessContainer).cannotExecShell();
   * // fails for a busybox-based image: "/bin/sh -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe"
   * assertThat(busyboxContainer).cannotExecShell();
   * }</pre>
   */
  public ContainerAssert cannotExecShell() {
    return runtime(Property.RUNTIME_NO_SHELL, "cannotExecShell()", "not be able to exec a shell",
        "runtime: exec of every shell candidate failed", () -> {
      String expectation = "not to be able to exec a shell";
      List<List<String>> shells;
      try {
        shells = ShellCandidates.commands(actual.image().filesystem());
      } catch (RuntimeException e) {
        String reason = "cannot list the shells of the image's filesystem: " + e.getMessage();
        throw undecided(reason, shouldBeObservable(actual, expectation, reason));
      }
      observe(expectation, c -> requireRunning(c, "exec a shell"));
      List<String> evidence = new ArrayList<>();
      for (List<String> shell : shells) {
        List<String> command = new ArrayList<>(shell);
        command.add("-c");
        command.add(SHELL_PROBE);
        String shown = show(command);
        ExecResult result = observe(expectation, c -> c.exec(SHELL_EXEC_TIMEOUT, command.toArray(new String[0])),
            e -> evidence.add(shown + " could not be checked: " + e.getMessage()));
        if (result != null && result.succeeded()) {
          String output = result.output().replace("\n", " | ");
          evidence.add(shown + " exited 0" + (output.isEmpty() ? "" : ": " + output));
        }
      }
      if (!evidence.isEmpty()) {
        throw failed(evidence, shouldNotExecShell(actual, evidence));
      }
      return List.of(shells.size() + " shell candidates could not be exec'd");
    });
  }

  /**
   * Verifies that the engine reports the container {@code healthy} within {@code timeout}, running the image's own
   * HEALTHCHECK. Fails at once when the image has no HEALTHCHECK or the main process exits; otherwise waits up to
   * the timeout (a status may go {@code unhealthy} and recover) and shows the engine's health log.
   *
   * <pre>{@code
   * // passes when the HEALTHCHECK succeeds within 30 seconds
   * assertThat(container).becomesHealthyWithin(Duration.ofSeconds(30));
   * // fails for an image without HEALTHCHECK, or whose probe keeps failing: "exit 1: database unreachable"
   * assertThat(unhealthyContainer).becomesHealthyWithin(Duration.ofSeconds(5));
   * }</pre>
   */
  public ContainerAssert becomesHealthyWithin(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("The timeout must be zero or positive, but was " + timeout);
    }
    return runtime(Property.RUNTIME_HEALTHY, "becomesHealthyWithin(" + timeout + ")",
        "become healthy within " + Durations.human(timeout), "runtime: the engine ran the image's HEALTHCHECK", () -> {
      String within = Durations.human(timeout);
      String expectation = "to become healthy within " + within;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Optional<String> status = observe(expectation, RunningContainer::healthStatus);
        if (status.isEmpty()) {
          throw failed(List.of("no HEALTHCHECK"), shouldBecomeHealthyButHasNoHealthcheck(actual, within));
        }
        if ("healthy".equals(status.get())) {
          return List.of("healthy");
        }
        OptionalInt exit = observe(expectation, RunningContainer::exitCode);
        if (exit.isPresent()) {
          List<String> logs = lastLogLines(actual);
          throw failed(exited(exit.getAsInt(), logs), shouldBecomeHealthyButExited(actual, within,
              exit.getAsInt(), logs));
        }
        if (System.nanoTime() - deadline >= 0) {
          List<HealthProbe> log = observe(expectation, RunningContainer::healthLog);
          List<String> evidence = new ArrayList<>(List.of("status " + status.get()));
          log.forEach(probe -> evidence.add(probe.toString()));
          throw failed(evidence, shouldBecomeHealthy(actual, within, status.get(), log));
        }
        sleep(Math.min(POLL.toNanos(), Math.max(1, deadline - System.nanoTime())));
      }
    });
  }

  /**
   * Verifies that the image starts and keeps running for {@link #DEFAULT_SETTLE_PERIOD} under {@code profile};
   * see {@link #startsUnder(RuntimeProfile, Duration)}.
   *
   * <pre>{@code
   * // passes for an image that writes only to /tmp
   * assertThat(container).startsUnder(RuntimeProfile.RESTRICTED);
   * // fails for an image that writes a pid file to /var/run: exit code 1 and its last log lines
   * assertThat(writesToRootfs).startsUnder(RuntimeProfile.RESTRICTED);
   * }</pre>
   */
  public ContainerAssert startsUnder(RuntimeProfile profile) {
    return startsUnder(profile, DEFAULT_SETTLE_PERIOD);
  }

  /**
   * Verifies that the image starts and its main process is still running {@code settle} after the container
   * started, under {@code profile}. The actual container is checked when it was started under an equal profile;
   * otherwise a fresh container of the same image is started under {@code profile} for the check and removed
   * after. On failure the message shows the exit code and the last log lines, or why the engine would not start it.
   *
   * <pre>{@code
   * // passes for a long-running image that needs no writable root filesystem
   * assertThat(container).startsUnder(RuntimeProfile.RESTRICTED, Duration.ofSeconds(5));
   * // fails for a CLI image whose process exits at once, unless the profile has a keep-alive command
   * assertThat(cliContainer).startsUnder(RuntimeProfile.DEFAULT, Duration.ofSeconds(1));
   * }</pre>
   */
  public ContainerAssert startsUnder(RuntimeProfile profile, Duration settle) {
    if (profile == null) {
      throw new IllegalArgumentException("A runtime profile is required, e.g. RuntimeProfile.RESTRICTED");
    }
    if (settle == null || settle.isNegative()) {
      throw new IllegalArgumentException("The settle period must be zero or positive, but was " + settle);
    }
    Property property = profile == RuntimeProfile.RESTRICTED ? Property.RUNTIME_RESTRICTED : Property.OTHER;
    String shownSettle = Durations.human(settle);
    return runtime(property, "startsUnder(" + profile + ")", "start and keep running for " + shownSettle
        + " under profile " + profile, "runtime: kept running under " + profile, () -> {
      if (actual.profile().equals(profile)) {
        checkStillRunning(actual, profile, settle, shownSettle);
        return List.of("running after " + shownSettle + " under " + profile);
      }
      RunningContainer fresh;
      try {
        fresh = RunningContainer.start(actual.image(), profile);
      } catch (ContainerException e) {
        throw failed(List.of(e.getMessage()), shouldStartUnderButEngineRefused(actual.image(), profile, shownSettle,
            e.getMessage()));
      }
      try (fresh) {
        checkStillRunning(fresh, profile, settle, shownSettle);
      }
      return List.of("a fresh container ran for " + shownSettle + " under " + profile);
    });
  }

  /**
   * Runs a runtime check: {@code body} returns what a pass rests on, or throws {@link Failed} with the verdict's
   * outcome, evidence and message; the verdict is recorded either way.
   */
  private ContainerAssert runtime(Property property, String assertion, String expectation, String method,
      Supplier<List<String>> body) {
    isNotNull();
    ContainerImage image = actual.image();
    Outcome outcome = Outcome.PASSED;
    List<String> evidence;
    ErrorMessageFactory failure = null;
    try {
      evidence = body.get();
    } catch (Failed f) {
      outcome = f.outcome;
      evidence = f.evidence;
      failure = f.message;
    }
    Verdicts.record(new Verdict(image.reference(), image.digest(), property, "", assertion, outcome, expectation,
        evidence, method));
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }

  private static Failed failed(List<String> evidence, ErrorMessageFactory message) {
    return new Failed(Outcome.FAILED, evidence, message);
  }

  private static Failed undecided(String reason, ErrorMessageFactory message) {
    return new Failed(Outcome.CANNOT_DECIDE, List.of(reason), message);
  }

  private static List<String> exited(int exitCode, List<String> logs) {
    List<String> evidence = new ArrayList<>(List.of("the main process exited with code " + exitCode));
    evidence.addAll(logs);
    return evidence;
  }

  /** A runtime check's failure on its way to the verdict: outcome, evidence and message. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Outcome outcome;
    private final transient List<String> evidence;
    private final transient ErrorMessageFactory message;

    Failed(Outcome outcome, List<String> evidence, ErrorMessageFactory message) {
      super(null, null, false, false);
      this.outcome = outcome;
      this.evidence = List.copyOf(evidence);
      this.message = message;
    }
  }

  private void checkStillRunning(RunningContainer container, RuntimeProfile profile, Duration settle,
      String shownSettle) {
    String expectation = "to start and keep running for " + shownSettle + " under profile " + profile;
    Instant startedAt = observe(container, expectation, RunningContainer::startedAt, null).orElse(Instant.now());
    Duration remaining = settle.minus(Duration.between(startedAt, Instant.now()));
    if (remaining.compareTo(settle) > 0) {
      remaining = settle; // the engine's clock is ahead of ours
    }
    if (!remaining.isNegative() && !remaining.isZero()) {
      sleep(remaining.toNanos());
    }
    OptionalInt exit = observe(container, expectation, RunningContainer::exitCode, null);
    if (exit.isPresent()) {
      List<String> logs = lastLogLines(container);
      throw failed(exited(exit.getAsInt(), logs), shouldStartUnder(container.image(), profile, shownSettle,
          exit.getAsInt(), logs));
    }
  }

  private static Void requireRunning(RunningContainer container, String action) {
    OptionalInt exit = container.exitCode();
    if (exit.isPresent()) {
      throw new ProcessExitedException("Cannot " + action + ": the main process has exited", exit.getAsInt());
    }
    return null;
  }

  /** Observes the actual container; a process that exited or an engine that cannot answer fails the assertion. */
  private <T> T observe(String expectation, Function<RunningContainer, T> observation) {
    return observe(actual, expectation, observation, null);
  }

  private <T> T observe(String expectation, Function<RunningContainer, T> observation,
      Consumer<ContainerException> undecided) {
    return observe(actual, expectation, observation, undecided);
  }

  /**
   * Runs an observation; a process that exited fails the assertion; other engine errors go to {@code undecided}
   * (which then returns {@code null}) or fail the assertion.
   */
  private <T> T observe(RunningContainer container, String expectation, Function<RunningContainer, T> observation,
      Consumer<ContainerException> undecided) {
    try {
      return observation.apply(container);
    } catch (ProcessExitedException e) {
      List<String> logs = lastLogLines(container);
      throw failed(exited(e.exitCode(), logs), shouldHaveLiveProcess(container, expectation, e.exitCode(), logs));
    } catch (ContainerException e) {
      if (undecided == null) {
        throw undecided(e.getMessage(), shouldBeObservable(container, expectation, e.getMessage()));
      }
      undecided.accept(e);
    }
    return null;
  }

  private static List<String> lastLogLines(RunningContainer container) {
    try {
      return container.lastLogLines(LOG_LINES);
    } catch (RuntimeException e) {
      return List.of("(the log could not be read: " + e.getMessage() + ")");
    }
  }

  /** The command as a shell user would type it: {@code /bin/sh -c 'echo podarmor-shell-probe'}. */
  static String show(List<String> command) {
    StringBuilder sb = new StringBuilder();
    for (String arg : command) {
      sb.append(sb.length() == 0 ? "" : " ");
      sb.append(arg.matches("[A-Za-z0-9_./=:,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerException("Interrupted while waiting for the container", e);
    }
  }
}
