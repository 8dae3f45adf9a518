package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * A failure of {@code hasNoDuplicateIds}: every uid, gid, user name or group name used more than once.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to have no duplicate uids, gids, user names or group names
 * but found:
 *   uid 0 in /etc/passwd: root (line 1), toor (line 4)
 * }</pre>
 */
public final class ShouldHaveNoDuplicateIds {

  /**
   * Creates the message for an image that fails this check; image-derived text goes in as arguments, never into
   * the format.
   *
   * @param actual the image under test
   * @param found every duplicate, sorted
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoDuplicateIds(ContainerImage actual, List<String> found) {
    return Failure.image(actual, "to have no duplicate uids, gids, user names or group names", found);
  }

  private ShouldHaveNoDuplicateIds() {}
}
