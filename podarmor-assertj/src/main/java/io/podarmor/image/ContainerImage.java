package io.podarmor.image;

import io.podarmor.internal.source.ImageSources;
import java.nio.file.Path;
import java.util.List;

/**
 * A container image under test: its config and its merged filesystem, read from the local Docker engine, a
 * {@code docker save} archive or an OCI image layout. The filesystem is indexed once per image and shared by every
 * check of the run.
 *
 * <pre>{@code
 * ContainerImage image = ContainerImage.fromDaemon("acme/api:1.4.2");
 * assertThat(image).runsAsUid(65532).hasNoSuidFiles();
 * }</pre>
 */
public interface ContainerImage {

  /**
   * The image from the local Docker engine; a reference not present there fails with an {@link ImageException}
   * (the registry fallback comes with registry support).
   */
  static ContainerImage of(String reference) {
    return ImageSources.of(reference);
  }

  /** The image as the local Docker engine has it; never pulls. */
  static ContainerImage fromDaemon(String reference) {
    return ImageSources.fromDaemon(reference);
  }

  /** The image from a {@code docker save} tar (the legacy layout, or the OCI layout Docker 25+ writes). */
  static ContainerImage fromDockerArchive(Path tar) {
    return ImageSources.fromDockerArchive(tar);
  }

  /** The image from an OCI image layout directory: the manifest for the host platform, or the only one. */
  static ContainerImage fromOciLayout(Path dir) {
    return ImageSources.fromOciLayout(dir);
  }

  /**
   * The image for this platform from an OCI image layout directory, e.g. the {@code linux/arm64} image of a
   * multi-platform build on an amd64 machine.
   *
   * <pre>{@code ContainerImage.fromOciLayout(Path.of("build/oci"), Platform.parse("linux/arm64"))}</pre>
   *
   * @throws ImageException when the layout has no image for that platform
   */
  static ContainerImage fromOciLayout(Path dir, Platform platform) {
    return ImageSources.fromOciLayout(dir, platform);
  }

  /** What the image was read from, e.g. {@code acme/api:1.4.2}, {@code docker-archive:/tmp/a.tar}, {@code oci:/tmp/l}. */
  String reference();

  /**
   * The digest of the image manifest ({@code sha256:…}); for a locally built engine image with no manifest, its
   * image ID (the config digest), as {@code docker images --no-trunc} shows it.
   */
  String digest();

  /** The image ID: the digest of the image config. */
  String id();

  /** The platform this image is for. */
  Platform platform();

  /** Every platform the source offers (one, unless the source holds an index of several). */
  List<Platform> platforms();

  /**
   * This image for another platform of the same source.
   *
   * @throws ImageException when the source has no image for that platform
   */
  ContainerImage forPlatform(Platform platform);

  /** The image configuration. */
  ImageConfig config();

  /** The merged filesystem, indexed on first use and cached by image ID. */
  ImageFilesystem filesystem();
}
