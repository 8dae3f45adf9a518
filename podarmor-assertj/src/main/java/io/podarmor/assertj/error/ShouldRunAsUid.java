package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code runsAsUid}: the image runs as another uid.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to run as uid 65532
 * but found:
 *   User not set: uid 0 (root), gid 0 (primary group in /etc/passwd)
 * }</pre>
 */
public final class ShouldRunAsUid {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param expectedUid the uid the image should run as
   * @param found what the image has instead, e.g. how its {@code User} resolved
   * @return the message factory
   */
  public static ErrorMessageFactory shouldRunAsUid(ContainerImage actual, int expectedUid, String found) {
    return Failure.image(actual, "to run as uid " + expectedUid, List.of(found));
  }

  private ShouldRunAsUid() {}
}
