package io.podarmor.junit.bench;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.junit.PodArmorFleet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The fleet benchmark's suite: the hardening guide's five questions, for every image of {@code podarmor.images}. */
@PodArmorFleet
public class FleetGuideQuestions {
  /** The threads the tests ran on: more than one when JUnit ran images in parallel. */
  static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

  @Test
  void runsAsNonRoot(ContainerImage image) {
    THREADS.add(Thread.currentThread().getName());
    assertThat(image).runsAsNonRoot();
  }

  @Test
  void hasNoSuidFiles(ContainerImage image) {
    assertThat(image).hasNoSuidFiles();
  }

  @Test
  void hasNoShell(ContainerImage image) {
    assertThat(image).hasNoShell();
  }

  @Test
  void hasNoPackageManager(ContainerImage image) {
    assertThat(image).hasNoPackageManager();
  }

  @Test
  void hasHealthcheck(ContainerImage image) {
    assertThat(image).hasHealthcheck();
  }
}
