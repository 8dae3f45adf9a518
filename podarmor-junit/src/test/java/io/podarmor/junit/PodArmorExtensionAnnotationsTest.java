package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import io.podarmor.testing.RuntimeImages;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Annotations are found the way JUnit finds its own: composed, inherited, on interfaces. */
class PodArmorExtensionAnnotationsTest {
  static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void loadImages() {
    RuntimeImages.shellless();
    RuntimeImages.build();
  }

  @BeforeEach
  void reset() {
    seen.clear();
  }

  /** A team's own annotation: the extension, the image and its kind in one. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ImageUnderTest(value = "podarmor-test-ext/build:1", kind = ImageKind.BUILD)
  @interface BuildImageTest {}

  /** A composed parameter annotation. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Restricted
  @interface Locked {}

  @BuildImageTest
  static class ComposedTestCase {
    @Test
    void composed(ContainerImage image, @Locked RunningContainer container) {
      seen.add(image.reference() + " " + container.profile().name());
    }

    @Test
    @EnabledForImageKind(ImageKind.BUILD)
    void kindComesFromTheComposedAnnotation() {
      seen.add("build-only test ran");
    }
  }

  @Test
  void composedAnnotationsWork() {
    Kit.run(ComposedTestCase.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));

    assertThat(seen).containsExactlyInAnyOrder("podarmor-test-ext/build:1 restricted", "build-only test ran");
  }

  @PodArmorTest
  @ImageUnderTest("podarmor-test-ext/shellless:1")
  abstract static class BaseTestCase {}

  static class InheritingTestCase extends BaseTestCase {
    @Test
    void inherited(ContainerImage image) {
      seen.add(image.reference());
    }
  }

  @ImageUnderTest("podarmor-test-ext/shellless:1")
  interface ImageContract {
    @Test
    default void fromTheInterface(RunningContainer container) {
      seen.add(container.image().reference() + " " + container.profile().equals(RuntimeProfile.DEFAULT));
    }
  }

  static class ImplementingTestCase implements ImageContract {}

  @Test
  void annotationsAreInheritedFromSuperclassesAndInterfaces() {
    Kit.run(List.of(InheritingTestCase.class, ImplementingTestCase.class)).testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));

    assertThat(seen).containsExactlyInAnyOrder("podarmor-test-ext/shellless:1", "podarmor-test-ext/shellless:1 true");
  }
}
