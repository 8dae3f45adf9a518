package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code runsAsGid}: the image runs with another primary gid.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to run as gid 65532
 * but found:
 *   User "65532": uid 65532, gid 0 (no /etc/passwd entry for uid 65532)
 * }</pre>
 */
public final class ShouldRunAsGid {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param expectedGid the gid the image should run as
   * @param found what the image has instead, e.g. how its {@code User} resolved
   * @return the message factory
   */
  public static ErrorMessageFactory shouldRunAsGid(ContainerImage actual, int expectedGid, String found) {
    return Failure.image(actual, "to run as gid " + expectedGid, List.of(found));
  }

  private ShouldRunAsGid() {}
}
