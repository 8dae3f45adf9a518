package io.podarmor.assertj;

import io.podarmor.image.ContainerImage;

/**
 * Assertions on a {@link ContainerImage}: who it runs as, what its merged filesystem holds, what its config declares,
 * what its source keeps beside it. Get one from {@link PodArmorAssertions#assertThat(ContainerImage)}; chain checks,
 * each failure names the image ({@code reference@digest}) and lists every piece of evidence. Every assertion is
 * described in {@link AbstractImageAssert}, which a team extends to add its own.
 *
 * <pre>{@code
 * assertThat(ContainerImage.fromDaemon("acme/api:1.4.2"))
 *     .runsAsUid(65532)
 *     .hasNoSuidFiles()
 *     .hasNoShell()
 *     .hasHealthcheck();
 * }</pre>
 */
public class ImageAssert extends AbstractImageAssert<ImageAssert> {

  /**
   * An assertion on this image; prefer {@link PodArmorAssertions#assertThat(ContainerImage)}.
   *
   * @param actual the image under test
   */
  public ImageAssert(ContainerImage actual) {
    super(actual, ImageAssert.class);
  }
}
