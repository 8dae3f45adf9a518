package io.podarmor.image;

import java.nio.file.Path;
import java.util.List;

/**
 * A container image under test: its config and its merged filesystem, read from the local Docker engine, a
 * registry, a {@code docker save} archive or an OCI image layout. The filesystem is indexed once per image and
 * shared by every check of the run.
 *
 * <pre>{@code
 * ContainerImage image = ContainerImage.fromDaemon("acme/api:1.4.2");
 * assertThat(image).runsAsUid(65532).hasNoSuidFiles();
 * }</pre>
 */
public interface ContainerImage {

  /**
   * The image from the local Docker engine when it has it, else from its registry, like {@code docker run} (but
   * nothing is pulled into the engine). Fails with an {@link ImageException} saying what both answered.
   */
  static ContainerImage of(String reference) {
    return ImageSourceProvider.get().of(reference);
  }

  /** The image as the local Docker engine has it; never pulls. */
  static ContainerImage fromDaemon(String reference) {
    return ImageSourceProvider.get().fromDaemon(reference);
  }

  /**
   * The image from its registry over the OCI distribution API, never through the engine: by tag or digest, OCI or
   * Docker media types; for an index, the image for the host's platform (when the index has none, its first
   * platform's: {@link #platform()} says which, {@link #forPlatform} picks another). References are read as
   * docker reads them ({@code alpine} is {@code docker.io/library/alpine:latest}); credentials come from docker's
   * {@code config.json} and credential helpers. Plain http is used only for {@code localhost}, {@code 127.0.0.1}
   * and {@code ::1}, as docker does.
   *
   * <pre>{@code
   * ContainerImage image = ContainerImage.fromRegistry("ghcr.io/acme/api:1.4.2");
   * image.platforms();                                      // [linux/amd64, linux/arm64]
   * image.forPlatform(Platform.parse("linux/arm64")).digest();
   * }</pre>
   *
   * @throws ImageException naming the reference when it is invalid, missing, denied or unreachable
   */
  static ContainerImage fromRegistry(String reference) {
    return ImageSourceProvider.get().fromRegistry(reference);
  }

  /** The image from a {@code docker save} tar (the legacy layout, or the OCI layout Docker 25+ writes). */
  static ContainerImage fromDockerArchive(Path tar) {
    return ImageSourceProvider.get().fromDockerArchive(tar);
  }

  /** The image from an OCI image layout directory: the manifest for the host platform, or the only one. */
  static ContainerImage fromOciLayout(Path dir) {
    return ImageSourceProvider.get().fromOciLayout(dir);
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
    return ImageSourceProvider.get().fromOciLayout(dir, platform);
  }

  /** What the image was read from, e.g. {@code acme/api:1.4.2}, {@code docker-archive:/tmp/a.tar}, {@code oci:/tmp/l}. */
  String reference();

  /**
   * The digest of the image manifest ({@code sha256:…}); for an image chosen from an index, the digest of that
   * platform's manifest, not the index's; for a locally built engine image with no manifest, its image ID (the
   * config digest), as {@code docker images --no-trunc} shows it.
   */
  String digest();

  /** The image ID: the digest of the image config. */
  String id();

  /** The platform this image is for. */
  Platform platform();

  /**
   * Every platform the source offers (one, unless the source holds an index of several); attestation manifests
   * ({@code unknown/unknown}) are not platforms.
   */
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

  /**
   * The packages the image's own package databases say are installed, sorted by name, version, architecture and
   * database; read once per image ID. Sources: dpkg's {@code /var/lib/dpkg/status} (packages whose {@code Status}
   * says installed) and distroless' {@code /var/lib/dpkg/status.d/*}, apk's {@code /lib/apk/db/installed}, and rpm
   * databases in the sqlite format ({@code rpmdb.sqlite}). An image without any package database has none.
   *
   * <pre>{@code
   * image.packages().stream().map(InstalledPackage::purl)
   *     // pkg:deb/debian/base-files@12.4+deb12u5?arch=amd64&distro=debian-12, ...
   * }</pre>
   *
   * @throws ImageException naming the database and the line or entry when a database is corrupt, or when an rpm
   *     database is in the BerkeleyDB or ndb format (only sqlite is supported)
   */
  List<InstalledPackage> packages();
}
