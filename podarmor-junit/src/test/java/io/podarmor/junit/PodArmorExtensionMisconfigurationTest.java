package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.RuntimeImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Misconfiguration fails with a message that names what is wrong and how to fix it. */
class PodArmorExtensionMisconfigurationTest {

  @BeforeAll
  static void loadImages() {
    RuntimeImages.shellless();
  }

  @PodArmorTest
  static class NoImageTestCase {
    @Test
    void image(ContainerImage image) {}
  }

  @Test
  void noImageNamedAnywhereSaysHowToNameOne() {
    EngineExecutionResults results = Kit.run(NoImageTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    results.containerEvents().assertThatEvents().haveExactly(1, event(container(NoImageTestCase.class),
        finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
            "No image under test for io.podarmor.junit.PodArmorExtensionMisconfigurationTest$NoImageTestCase: name"
            + " one with @ImageUnderTest(\"registry/repository:tag\") on the test class, with the configuration"
            + " parameter podarmor.image (e.g. -Dpodarmor.image=registry/repository:tag or in"
            + " junit-platform.properties), or with the environment variable PODARMOR_IMAGE. A reference is looked"
            + " up in the local Docker engine; oci:<dir> names an OCI image layout and docker-archive:<file.tar> a"
            + " docker save archive"))));
  }

  @Test
  void aBlankConfiguredImageDoesNotCount() {
    Kit.run(NoImageTestCase.class, "podarmor.image", "  ").containerEvents().assertThatEvents()
        .haveExactly(1, event(container(NoImageTestCase.class),
            finishedWithFailure(instanceOf(ExtensionConfigurationException.class))));
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/shellless:1")
  static class WrongParametersTestCase {
    @Test
    void restrictedImage(@Restricted ContainerImage image) {}

    @Test
    void keepAliveImage(@KeepAlive("/x") ContainerImage image) {}

    @Test
    void restrictedString(@Restricted String text) {}

    @Test
    void emptyKeepAlive(@KeepAlive({}) RunningContainer container) {}
  }

  @Test
  void annotationsOnTheWrongParameterNameTheParameter() {
    EngineExecutionResults results = Kit.run(WrongParametersTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(4).failed(4));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("restrictedImage"), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message("@Restricted applies to RunningContainer parameters only, but parameter [ContainerImage image]"
                + " of WrongParametersTestCase.restrictedImage(ContainerImage) is a io.podarmor.image.ContainerImage"))))
        .haveExactly(1, event(test("keepAliveImage"), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message("@KeepAlive applies to RunningContainer parameters only, but parameter [ContainerImage image]"
                + " of WrongParametersTestCase.keepAliveImage(ContainerImage) is a io.podarmor.image.ContainerImage"))))
        .haveExactly(1, event(test("restrictedString"), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message("@Restricted applies to RunningContainer parameters only, but parameter [String text]"
                + " of WrongParametersTestCase.restrictedString(String) is a java.lang.String"))))
        .haveExactly(1, event(test("emptyKeepAlive"), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message("@KeepAlive needs a program and its arguments, e.g. @KeepAlive({\"/usr/bin/cli\", \"serve\"}),"
                + " for parameter [RunningContainer container] of WrongParametersTestCase.emptyKeepAlive"
                + "(RunningContainer)"))));
  }

  @PodArmorTest
  @ImageUnderTest("127.0.0.1:5000/podarmor-test-ext/does-not-exist:1")
  static class MissingImageTestCase {
    @Test
    void image(ContainerImage image) {}

    @Test
    void container(RunningContainer container) {}
  }

  @Test
  void anImageTheEngineDoesNotHaveFailsEachTestNamingParameterReferenceAndSource() {
    EngineExecutionResults results = Kit.run(MissingImageTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    String ref = "127.0.0.1:5000/podarmor-test-ext/does-not-exist:1";
    String because = " the image under test " + ref + " (from @ImageUnderTest on"
        + " io.podarmor.junit.PodArmorExtensionMisconfigurationTest$MissingImageTestCase) cannot be read: Cannot"
        + " find image " + ref + ": it is not in the local Docker engine (" + Docker.host() + "), and the registry"
        + " failed: Not found: " + ref + ": registry 127.0.0.1:5000 has no manifest '1' in repository"
        + " podarmor-test-ext/does-not-exist (404 Not Found: MANIFEST_UNKNOWN: manifest unknown)";
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("image"), finishedWithFailure(instanceOf(ParameterResolutionException.class),
            message("Cannot resolve parameter [ContainerImage image] of MissingImageTestCase.image(ContainerImage):"
                + because))))
        .haveExactly(1, event(test("container"), finishedWithFailure(instanceOf(ParameterResolutionException.class),
            message("Cannot resolve parameter [RunningContainer container] of"
                + " MissingImageTestCase.container(RunningContainer):" + because))));
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/shellless:1")
  static class PlatformTestCase {
    @Test
    void image(ContainerImage image) {}
  }

  @Test
  void anInvalidPlatformNamesTheParameter() {
    Kit.run(PlatformTestCase.class, "podarmor.platform", "amd64").containerEvents().assertThatEvents()
        .haveExactly(1, event(container(PlatformTestCase.class), finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class),
            message("Invalid configuration parameter podarmor.platform 'amd64': expected os/architecture[/variant],"
                + " e.g. linux/amd64 or linux/arm64/v8"))));
  }

  @Test
  void aPlatformTheImageDoesNotHaveFailsTheTest() {
    EngineExecutionResults results = Kit.run(PlatformTestCase.class, "podarmor.platform", "linux/s390x");

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failure).isInstanceOf(ParameterResolutionException.class).hasMessage("Cannot resolve parameter"
        + " [ContainerImage image] of PlatformTestCase.image(ContainerImage): the image under test"
        + " podarmor-test-ext/shellless:1 (from @ImageUnderTest on"
        + " io.podarmor.junit.PodArmorExtensionMisconfigurationTest$PlatformTestCase) cannot be read:"
        + " podarmor-test-ext/shellless:1 in the local Docker engine is for linux/amd64 only; the engine keeps one"
        + " platform per image, so linux/s390x is not available");
  }
}
