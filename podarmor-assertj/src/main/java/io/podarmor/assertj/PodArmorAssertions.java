package io.podarmor.assertj;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Sbom;

/**
 * The entry point of PodArmor's assertions: one {@code assertThat} per kind of thing under test. Import it statically
 * beside AssertJ's own {@code Assertions.assertThat}; the overloads do not clash.
 *
 * <pre>{@code
 * import static io.podarmor.assertj.PodArmorAssertions.assertThat;
 *
 * assertThat(ContainerImage.fromDaemon("acme/api:1.4.2")).runsAsNonRoot().hasNoShell();
 * }</pre>
 */
public class PodArmorAssertions {

  /** For subclasses that add their own entry points; use the static methods. */
  protected PodArmorAssertions() {}

  /**
   * Assertions on an image: who it runs as, what its filesystem holds, what its config declares.
   *
   * <pre>{@code
   * assertThat(image).runsAsUid(65532).hasNoSuidFiles();
   * }</pre>
   *
   * @param actual the image under test
   * @return the assertions on it
   */
  public static ImageAssert assertThat(ContainerImage actual) {
    return new ImageAssert(actual);
  }

  /**
   * Assertions on a running container: runsAsUid, runsAsNonRoot, cannotExecShell, becomesHealthyWithin, startsUnder.
   *
   * <pre>{@code assertThat(container).runsAsNonRoot().cannotExecShell();}</pre>
   */
  public static ContainerAssert assertThat(io.podarmor.runtime.RunningContainer actual) {
    return new ContainerAssert(actual);
  }

  /**
   * Assertions on an SBOM read from a file or written for an image: its packages and its validity. Checks that need
   * the image it describes come with {@code assertThat(image).hasSbom(format)}.
   *
   * <pre>{@code assertThat(Sbom.fromFile(Path.of("app.cdx.json"))).isValid().doesNotContainPackage("log4j-core");}</pre>
   *
   * @param actual the SBOM under test
   * @return the assertions on it
   */
  public static SbomAssert assertThat(Sbom actual) {
    return new SbomAssert(actual);
  }
}
