package io.podarmor.junit;

import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.podarmor.testing.RuntimeImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The contract against real images. The static checks' failure texts belong to ImageAssert's tests; here the
 * statistics, the display names, the skips and the runtime check's message are pinned.
 */
class HardenedImageContractTest {

  @BeforeAll
  static void loadImages() {
    RuntimeImages.shellless();
    RuntimeImages.root();
    RuntimeImages.build();
  }

  @ImageUnderTest("podarmor-test-ext/shellless:1")
  static class HardenedTestCase implements HardenedImageContract {}

  @Test
  void aHardenedImagePassesEveryTestEachWithAReadableName() {
    EngineExecutionResults results = Kit.run(HardenedTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(6).succeeded(6).skipped(0));
    results.testEvents().succeeded().assertThatEvents()
        .haveExactly(1, event(test("runsAsNonRootByDefault"), displayName("runs as a non-root user by default")))
        .haveExactly(1, event(test("hasNoSetuidOrSetgidFiles"), displayName("has no setuid or setgid files")))
        .haveExactly(1, event(test("hasNoPackageManager"), displayName("has no package manager")))
        .haveExactly(1, event(test("declaresHealthcheck"), displayName("declares a HEALTHCHECK")))
        .haveExactly(1, event(test("hasNoShell"), displayName("has no shell in its filesystem")))
        .haveExactly(1, event(test("cannotExecShell"), displayName("cannot exec a shell in a running container")));
  }

  @ImageUnderTest("podarmor-test-ext/root:1")
  static class RootTestCase implements HardenedImageContract {}

  @Test
  void aRootImageWithoutHealthcheckFailsThoseTwo() {
    EngineExecutionResults results = Kit.run(RootTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(6).succeeded(4).failed(2));
    results.testEvents().failed().assertThatEvents()
        .haveExactly(1, event(test("runsAsNonRootByDefault"), finishedWithFailure(instanceOf(AssertionError.class))))
        .haveExactly(1, event(test("declaresHealthcheck"), finishedWithFailure(instanceOf(AssertionError.class))));
  }

  @ImageUnderTest(value = "podarmor-test-ext/build:1", kind = ImageKind.BUILD)
  static class BuildTestCase implements HardenedImageContract {}

  @Test
  void aBuildImageSkipsTheShellTestsWithAReason() {
    EngineExecutionResults results = Kit.run(BuildTestCase.class);

    results.testEvents().assertStatistics(s -> s.skipped(2).started(4));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("hasNoShell"), skippedWithReason(HardenedImageContract.SHELL_ALLOWED)))
        .haveExactly(1, event(test("cannotExecShell"), skippedWithReason(HardenedImageContract.SHELL_ALLOWED)));
  }

  @ImageUnderTest("podarmor-test-ext/build:1")
  static class BuildImageDeclaredDeployTestCase implements HardenedImageContract {}

  @Test
  void aShellInADeployImageFailsStaticallyAndAtRuntime() {
    EngineExecutionResults results = Kit.run(BuildImageDeclaredDeployTestCase.class);

    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("hasNoShell"), finishedWithFailure(instanceOf(AssertionError.class))))
        .haveExactly(1, event(test("cannotExecShell"), finishedWithFailure(instanceOf(AssertionError.class),
            message(m -> m.contains("not to be able to exec a shell\nbut found:\n"
                + "  /bin/sh -c 'echo podarmor-shell-probe' exited 0: podarmor-shell-probe\n")))));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("runsAsNonRootByDefault"), finishedSuccessfully()));
  }
}
