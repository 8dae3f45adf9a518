package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.RuntimeImages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** However tests end, no container of the run is left behind. */
class PodArmorExtensionCleanupTest {
  static final Map<String, String> ids = new ConcurrentHashMap<>();

  @BeforeAll
  static void loadImages() {
    RuntimeImages.build();
  }

  @PodArmorTest
  @ImageUnderTest(value = "podarmor-test-ext/build:1", kind = ImageKind.BUILD)
  static class FailingTestCase {
    @BeforeAll
    static void beforeAll(RunningContainer container) {
      ids.put("beforeAll", container.id());
    }

    @Test
    void assertionFails(RunningContainer container) {
      ids.put("assertionFails", container.id());
      fail("on purpose");
    }

    @Test
    void throwsAnException(@Restricted RunningContainer container) {
      ids.put("throwsAnException", container.id());
      throw new IllegalStateException("on purpose");
    }

    @Nested
    class Inner {
      @Test
      void nestedFails(@Restricted RunningContainer restricted) {
        ids.put("nested", restricted.id());
        fail("on purpose");
      }
    }

    @AfterAll
    static void afterAllFails() {
      throw new IllegalStateException("on purpose, after all");
    }
  }

  @Test
  void noContainerOfTheRunRemainsAfterFailingTests() {
    Kit.run(FailingTestCase.class).testEvents().assertStatistics(s -> s.started(3).failed(3));

    assertThat(ids).hasSize(4);
    assertThat(ids.get("assertionFails")).isEqualTo(ids.get("beforeAll"));
    assertThat(ids.get("throwsAnException")).isNotEqualTo(ids.get("beforeAll"));
    assertThat(ids.values()).noneMatch(Kit::exists);
    assertThat(Kit.containersOf("podarmor-test-ext/build:1")).isEmpty();
  }
}
