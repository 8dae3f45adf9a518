package io.podarmor.junit;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;

/**
 * Opens the image a configured or annotated reference names: {@code oci:<dir>} an OCI layout,
 * {@code docker-archive:<file>} a {@code docker save} archive, anything else through {@link ContainerImage#of}.
 */
final class ImageOpener {
  public static final String OCI_PREFIX = "oci:";
  public static final String ARCHIVE_PREFIX = "docker-archive:";

  private ImageOpener() {}

  public static ContainerImage open(String reference) {
    if (reference.startsWith(OCI_PREFIX)) {
      return ContainerImage.fromOciLayout(Path.of(reference.substring(OCI_PREFIX.length())));
    }
    if (reference.startsWith(ARCHIVE_PREFIX)) {
      return ContainerImage.fromDockerArchive(Path.of(reference.substring(ARCHIVE_PREFIX.length())));
    }
    return ContainerImage.of(reference);
  }
}
