package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.RuntimeImages;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** With JUnit's parallel execution, an image is read once and each class' container started once. */
class PodArmorExtensionParallelTest {
  static final Set<ContainerImage> images = ConcurrentHashMap.newKeySet();
  static final Set<ImageFilesystem> filesystems = ConcurrentHashMap.newKeySet();
  static final Set<String> containerIdsA = ConcurrentHashMap.newKeySet();
  static final Set<String> containerIdsB = ConcurrentHashMap.newKeySet();
  static final AtomicInteger running = new AtomicInteger();
  static final AtomicInteger maxRunning = new AtomicInteger();

  @BeforeAll
  static void loadImage() {
    RuntimeImages.shellless();
  }

  static void use(ContainerImage image, RunningContainer container, Set<String> ids) throws InterruptedException {
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      images.add(image);
      filesystems.add(image.filesystem());
      ids.add(container.id());
      Thread.sleep(200);
    } finally {
      running.decrementAndGet();
    }
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/shellless:1")
  @Execution(ExecutionMode.CONCURRENT)
  static class ATestCase {
    @Test void a1(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsA); }
    @Test void a2(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsA); }
    @Test void a3(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsA); }
    @Test void a4(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsA); }
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/shellless:1")
  @Execution(ExecutionMode.CONCURRENT)
  static class BTestCase {
    @Test void b1(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsB); }
    @Test void b2(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsB); }
    @Test void b3(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsB); }
    @Test void b4(ContainerImage i, RunningContainer c) throws Exception { use(i, c, containerIdsB); }
  }

  @Test
  void imagesAreReadOnceAndContainersStartedOncePerClass() {
    Kit.run(List.of(ATestCase.class, BTestCase.class),
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .testEvents().assertStatistics(s -> s.started(8).succeeded(8));

    assertThat(maxRunning.get()).as("tests that ran at the same time").isGreaterThan(1);
    assertThat(images).hasSize(1);
    assertThat(filesystems).hasSize(1);
    assertThat(containerIdsA).hasSize(1);
    assertThat(containerIdsB).hasSize(1).doesNotContainAnyElementsOf(containerIdsA);
    assertThat(Kit.containersOf("podarmor-test-ext/shellless:1")).isEmpty();
  }
}
