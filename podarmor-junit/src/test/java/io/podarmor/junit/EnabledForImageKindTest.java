package io.podarmor.junit;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Tests marked for one image kind are skipped, with a reason, for the other. */
class EnabledForImageKindTest {

  interface KindChecks {
    @Test
    @EnabledForImageKind(ImageKind.DEPLOY)
    default void deployOnly() {}

    @Test
    @EnabledForImageKind(value = ImageKind.DEPLOY, disabledReason = "build images may carry a shell")
    default void deployOnlyWithReason() {}

    @Test
    @EnabledForImageKind(ImageKind.BUILD)
    default void buildOnly() {}

    @Test
    @EnabledForImageKind({ImageKind.BUILD, ImageKind.DEPLOY})
    default void both() {}
  }

  @ImageUnderTest(value = "podarmor-test-ext/build:1", kind = ImageKind.BUILD)
  static class BuildTestCase implements KindChecks {
    @Nested
    class InnerTestCase {
      @Test
      @EnabledForImageKind(ImageKind.DEPLOY)
      void nestedDeployOnly() {}
    }
  }

  @ImageUnderTest("podarmor-test-ext/shellless:1")
  static class DeployTestCase implements KindChecks {}

  @Test
  void buildImagesSkipDeployChecksWithAReason() {
    EngineExecutionResults results = Kit.run(BuildTestCase.class);

    results.testEvents().assertStatistics(s -> s.skipped(3).started(2).succeeded(2));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("deployOnly"),
            skippedWithReason("applies to ImageKind.DEPLOY images; the image under test is ImageKind.BUILD")))
        .haveExactly(1, event(test("deployOnlyWithReason"), skippedWithReason("build images may carry a shell")))
        .haveExactly(1, event(test("nestedDeployOnly"),
            skippedWithReason("applies to ImageKind.DEPLOY images; the image under test is ImageKind.BUILD")));
  }

  @Test
  void deployIsTheDefaultKind() {
    EngineExecutionResults results = Kit.run(DeployTestCase.class);

    results.testEvents().assertStatistics(s -> s.skipped(1).started(3).succeeded(3));
    results.testEvents().assertThatEvents().haveExactly(1, event(test("buildOnly"),
        skippedWithReason("applies to ImageKind.BUILD images; the image under test is ImageKind.DEPLOY")));
  }
}
