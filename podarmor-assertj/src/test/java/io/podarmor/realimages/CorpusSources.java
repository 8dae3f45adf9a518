package io.podarmor.realimages;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every corpus image through every source: the engine, a {@code docker save} archive, an OCI layout ({@code skopeo
 * copy} to {@code oci:}, which converts the config to OCI's) and the local registry ({@code skopeo copy} to
 * {@code docker://127.0.0.1:5000}, which keeps the engine's manifest and config). Written once per run.
 */
final class CorpusSources {
  /** Where a corpus image is read from. */
  enum Source {
    ENGINE,
    DOCKER_ARCHIVE,
    OCI_LAYOUT,
    REGISTRY
  }

  private static final Map<String, Path> WRITTEN = new ConcurrentHashMap<>();
  private static volatile Path dir;

  private CorpusSources() {}

  /** The image through this source. */
  static ContainerImage open(RealImage image, Source source) {
    return switch (source) {
      case ENGINE -> ContainerImage.fromDaemon(image.reference());
      case DOCKER_ARCHIVE -> ContainerImage.fromDockerArchive(written(image, source, (path) ->
          DockerCli.run("save", "-o", path.toString(), image.reference())));
      case OCI_LAYOUT -> ContainerImage.fromOciLayout(written(image, source, (path) ->
          skopeo("docker-daemon:" + image.reference(), "oci:" + path + ":" + image.name())));
      case REGISTRY -> {
        written(image, source, (path) -> skopeo("docker-daemon:" + image.reference(), "docker://" + registryRef(image)));
        yield ContainerImage.fromRegistry(registryRef(image));
      }
    };
  }

  /** The image's OCI layout (written when first asked for). */
  static Path layout(RealImage image) {
    return written(image, Source.OCI_LAYOUT, (path) ->
        skopeo("docker-daemon:" + image.reference(), "oci:" + path + ":" + image.name()));
  }

  static String registryRef(RealImage image) {
    return TestRegistry.LOCAL + "/" + image.reference();
  }

  private interface Writer {
    void write(Path path);
  }

  private static Path written(RealImage image, Source source, Writer writer) {
    return WRITTEN.computeIfAbsent(image.name() + "/" + source, k -> {
      Path path = dir().resolve(image.name() + "-" + source.name().toLowerCase(java.util.Locale.ROOT)
          + (source == Source.DOCKER_ARCHIVE ? ".tar" : ""));
      writer.write(path);
      return path;
    });
  }

  private static void skopeo(String from, String to) {
    DockerCli.exec(List.of("skopeo", "copy", "-q", "--dest-tls-verify=false", from, to), null, Map.of());
  }

  private static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("podarmor-corpus-sources-");
        Path created = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
            DockerCli.exec(List.of("rm", "-rf", created.toString()), null, Map.of())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
