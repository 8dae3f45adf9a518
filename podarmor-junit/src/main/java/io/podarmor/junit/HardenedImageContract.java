package io.podarmor.junit;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.RunningContainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed hardening practice as ready-made tests: a class that implements this interface and names its image with
 * {@link ImageUnderTest} gets one test per property, each with a readable name. For {@link ImageKind#BUILD} images
 * the no-shell tests are skipped with a reason; an image whose main process exits at once needs {@link KeepAlive}
 * for the runtime test.
 *
 * <pre>{@code
 * @ImageUnderTest("ghcr.io/acme/api:1.4.2")
 * class ApiImageIsHardenedTest implements HardenedImageContract {}
 *
 * // ApiImageIsHardenedTest
 * //   ✔ runs as a non-root user by default
 * //   ✔ has no setuid or setgid files
 * //   ✔ has no package manager
 * //   ✔ declares a HEALTHCHECK
 * //   ✘ has no shell in its filesystem          (fails listing /bin/sh -> busybox, …)
 * //   ✘ cannot exec a shell in a running container
 * }</pre>
 */
@PodArmorTest
@Tag("podarmor")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public interface HardenedImageContract {
  /** Why the no-shell tests are skipped for {@link ImageKind#BUILD} images. */
  String SHELL_ALLOWED = "ImageKind.BUILD: a build image may carry a shell; the no-shell checks apply to"
      + " ImageKind.DEPLOY images";

  /** The image's default user resolves to a uid other than 0 (CIS 4.1). */
  @Test
  @Order(1)
  @DisplayName("runs as a non-root user by default")
  default void runsAsNonRootByDefault(ContainerImage image) {
    assertThat(image).runsAsNonRoot();
  }

  /** No file in the merged filesystem has the setuid or setgid bit (CIS 4.8). */
  @Test
  @Order(2)
  @DisplayName("has no setuid or setgid files")
  default void hasNoSetuidOrSetgidFiles(ContainerImage image) {
    assertThat(image).hasNoSuidFiles();
  }

  /** No package manager binary (apt, dpkg, rpm, yum, dnf, apk, …) is left in the image. */
  @Test
  @Order(3)
  @DisplayName("has no package manager")
  default void hasNoPackageManager(ContainerImage image) {
    assertThat(image).hasNoPackageManager();
  }

  /** The config declares a HEALTHCHECK the engine probes (CIS 4.6): {@code CMD} or {@code CMD-SHELL} and a command. */
  @Test
  @Order(4)
  @DisplayName("declares a HEALTHCHECK")
  default void declaresHealthcheck(ContainerImage image) {
    assertThat(image).hasHealthcheck();
  }

  /** No shell anywhere in the filesystem, by name, link target or content. */
  @Test
  @Order(5)
  @DisplayName("has no shell in its filesystem")
  @EnabledForImageKind(value = ImageKind.DEPLOY, disabledReason = SHELL_ALLOWED)
  default void hasNoShell(ContainerImage image) {
    assertThat(image).hasNoShell();
  }

  /** In a running container, exec of {@code /bin/sh -c}, bash, ash and every shell found statically fails. */
  @Test
  @Order(6)
  @DisplayName("cannot exec a shell in a running container")
  @EnabledForImageKind(value = ImageKind.DEPLOY, disabledReason = SHELL_ALLOWED)
  default void cannotExecShell(RunningContainer container) {
    assertThat(container).cannotExecShell();
  }
}
