package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import io.podarmor.testing.RuntimeImages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Which parameters the extension injects, where, and how long containers live. */
class PodArmorExtensionInjectionTest {
  static final List<Object> images = new CopyOnWriteArrayList<>();
  static final Map<String, RunningContainer> containers = new ConcurrentHashMap<>();
  static final List<String> facts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void loadImages() {
    RuntimeImages.shellless();
    RuntimeImages.cli();
  }

  @BeforeEach
  void reset() {
    images.clear();
    containers.clear();
    facts.clear();
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/shellless:1")
  static class InjectionTestCase {
    InjectionTestCase(ContainerImage image) { // once per test, the nested one included
      images.add(image);
    }

    @BeforeAll
    static void beforeAll(ContainerImage image, RunningContainer container) {
      images.add(image);
      containers.put("beforeAll", container);
    }

    @BeforeEach
    void beforeEach(RunningContainer container) {
      containers.putIfAbsent("beforeEach", container);
    }

    @Test
    void image(ContainerImage image) {
      images.add(image);
      assertThat(image.reference()).isEqualTo("podarmor-test-ext/shellless:1");
    }

    @Test
    void container(RunningContainer container, ContainerImage image) {
      containers.put("test", container);
      assertThat(container.image()).isSameAs(image);
      assertThat(container.profile()).isEqualTo(RuntimeProfile.DEFAULT);
      assertThat(container.isRunning()).isTrue();
    }

    @Test
    void restricted(@Restricted RunningContainer container) {
      containers.put("restricted", container);
      assertThat(container.profile()).isEqualTo(RuntimeProfile.RESTRICTED);
    }

    @AfterAll
    static void afterAll(RunningContainer container) {
      facts.add("running in @AfterAll: " + container.isRunning());
    }

    @Nested
    class InnerTestCase {
      @Test
      void inheritsTheImageAndTheContainer(ContainerImage image, RunningContainer container) {
        images.add(image);
        containers.put("nested", container);
      }
    }
  }

  @Test
  void injectsImagesAndContainersIntoConstructorsLifecycleMethodsAndTests() {
    EngineExecutionResults results = Kit.run(InjectionTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0));
    assertThat(images).hasSize(7).allSatisfy(i -> assertThat(i).isSameAs(images.get(0)));
    RunningContainer shared = containers.get("beforeAll");
    assertThat(containers.get("beforeEach")).isSameAs(shared);
    assertThat(containers.get("test")).isSameAs(shared);
    assertThat(containers.get("nested")).isSameAs(shared);
    assertThat(containers.get("restricted")).isNotSameAs(shared);
    assertThat(facts).containsExactly("running in @AfterAll: true");
  }

  @Test
  void removesTheClassContainersWhenTheClassEnds() {
    Kit.run(InjectionTestCase.class);

    assertThat(containers).isNotEmpty();
    assertThat(containers.values()).noneMatch(c -> Kit.exists(c.id()));
    assertThat(Kit.containersOf("podarmor-test-ext/shellless:1")).isEmpty();
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/cli:1")
  @KeepAlive({"/catatonit", "-P"})
  static class KeepAliveTestCase {
    @Test
    void classKeepAlive(RunningContainer container) {
      containers.put("class", container);
    }

    @Test
    @KeepAlive("/catatonit")
    void methodKeepAlive(RunningContainer container) {
      containers.put("method", container);
    }

    @Test
    void parameterKeepAlive(@Restricted @KeepAlive({"/catatonit", "-P", "--"}) RunningContainer container) {
      containers.put("parameter", container);
    }
  }

  @Test
  void keepAliveOnParameterMethodOrClassKeepsACliImageRunning() {
    Kit.run(KeepAliveTestCase.class).testEvents().assertStatistics(s -> s.started(3).succeeded(3));

    assertThat(containers.get("class").profile()).isEqualTo(RuntimeProfile.DEFAULT.withKeepAlive("/catatonit", "-P"));
    assertThat(containers.get("method").profile()).isEqualTo(RuntimeProfile.DEFAULT.withKeepAlive("/catatonit"));
    assertThat(containers.get("parameter").profile())
        .isEqualTo(RuntimeProfile.RESTRICTED.withKeepAlive("/catatonit", "-P", "--"));
  }
}
