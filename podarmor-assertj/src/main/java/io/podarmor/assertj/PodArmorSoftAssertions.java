package io.podarmor.assertj;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * Soft assertions: every failure of PodArmor's and AssertJ's own checks is collected, and {@link #assertAll()} reports
 * them together, so one run shows everything an image gets wrong. Works with AssertJ's JUnit 5
 * {@code SoftAssertionsExtension} ({@code @InjectSoftAssertions PodArmorSoftAssertions softly}) too.
 *
 * <pre>{@code
 * PodArmorSoftAssertions.assertSoftly(softly -> {
 *   softly.assertThat(image).runsAsNonRoot();
 *   softly.assertThat(image).hasNoShell().hasNoPackageManager();
 *   softly.assertThat(image.config().env()).containsKey("JAVA_HOME");
 * });  // fails once, listing every failed check
 * }</pre>
 *
 * <p>A check on an image that cannot be read is not collected: its {@code ImageException} propagates at once.
 */
public class PodArmorSoftAssertions extends AbstractSoftAssertions implements StandardSoftAssertionsProvider {

  /** Creates soft assertions; call {@link #assertAll()} at the end. */
  public PodArmorSoftAssertions() {
    super();
  }

  /**
   * Soft assertions on an image.
   *
   * <pre>{@code
   * softly.assertThat(image).runsAsUid(65532).hasNoSuidFiles();
   * }</pre>
   *
   * @param actual the image under test
   * @return the assertions on it, collecting failures
   */
  public ImageAssert assertThat(ContainerImage actual) {
    ImageAssert soft = proxy(ImageAssert.class, ContainerImage.class, actual);
    soft.softly = this;
    return soft;
  }

  /** Soft assertions on a running container; failures are collected until {@code assertAll()}. */
  public ContainerAssert assertThat(io.podarmor.runtime.RunningContainer actual) {
    return proxy(ContainerAssert.class, io.podarmor.runtime.RunningContainer.class, actual);
  }

  /** Soft assertions on an SBOM; failures are collected until {@code assertAll()}. */
  public SbomAssert assertThat(Sbom actual) {
    return proxy(SbomAssert.class, Sbom.class, actual);
  }

  /**
   * Runs the checks softly and fails once at the end with every failure collected.
   *
   * <pre>{@code
   * PodArmorSoftAssertions.assertSoftly(softly -> softly.assertThat(image).hasNoShell().hasHealthcheck());
   * }</pre>
   *
   * @param softly the checks
   */
  public static void assertSoftly(Consumer<PodArmorSoftAssertions> softly) {
    SoftAssertionsProvider.assertSoftly(PodArmorSoftAssertions.class, softly);
  }
}
