package io.podarmor.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.RunningContainer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs *TestCase fixtures through the Jupiter engine, hermetically: no system properties, no properties file. */
final class Kit {
  private Kit() {}

  static EngineExecutionResults run(Class<?> testCase, String... keyValues) {
    return run(List.of(testCase), keyValues);
  }

  static EngineExecutionResults run(List<Class<?>> testCases, String... keyValues) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      parameters.put(keyValues[i], keyValues[i + 1]);
    }
    return EngineTestKit.engine("junit-jupiter")
        .selectors(testCases.stream().map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(parameters)
        .execute();
  }

  /** This run's containers of an image, running or not. */
  static List<com.github.dockerjava.api.model.Container> containersOf(String image) {
    return Docker.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(
        RunningContainer.RUN_LABEL, RunningContainer.runId(), RunningContainer.IMAGE_LABEL, image)).exec();
  }

  /** True when the engine still has a container with this id. */
  static boolean exists(String containerId) {
    try {
      Docker.client().inspectContainerCmd(containerId).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }
}
