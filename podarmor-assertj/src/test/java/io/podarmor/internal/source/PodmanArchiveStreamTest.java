package io.podarmor.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageException;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.Layer;
import io.podarmor.testing.RawTar;
import io.podarmor.testing.TestImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine's image is read from its {@code docker save} stream, once. Podman's engine writes that stream its own way:
 * each layer as {@code <hex>.tar} at the top, with a {@code <id>/layer.tar} symlink to it, and the manifest (last)
 * naming the top-level file. Read from podman's own {@code save}, the image is the one the archive file gives.
 */
class PodmanArchiveStreamTest {
  private static final Path PODMAN = Path.of("/usr/bin/podman");
  private static final String REFERENCE = "localhost/podarmor-test-foundation/podman-save:1";

  @TempDir static Path tmp;
  static Path saved;

  @BeforeAll
  static void saveWithPodman() {
    assertThat(PODMAN).as("Debian's podman (.ci/run installs it)").isExecutable();
    TestImage image = TestImage.named(REFERENCE).user("65532:65532").cmd("/app")
        .layer(Layer.create().dir("/usr/bin", 0755).file("/usr/bin/passwd", "passwd", 04755)
            .dir("/etc", 0755).file("/etc/passwd", "app:x:65532:65532::/:/app\n", 0644))
        .layer(Layer.create().file("/app", "app", 0755).dir("/usr/bin", 0755).whiteout("/usr/bin/passwd"));
    Path archive = image.writeDockerArchive(tmp.resolve("docker.tar"));
    podman("load", "-q", "-i", archive.toString());
    saved = tmp.resolve("podman.tar");
    podman("save", "--format", "docker-archive", "-o", saved.toString(), REFERENCE);
  }

  @AfterAll
  static void remove() {
    podman("rmi", "-f", REFERENCE);
  }

  @Test
  void podmansLayout() {
    assertThat(DockerCli.exec(List.of("tar", "tf", saved.toString()), null, Map.of()).lines())
        .anyMatch(name -> name.matches("[0-9a-f]{64}\\.tar"))
        .anyMatch(name -> name.endsWith("/layer.tar"));
  }

  @Test
  void theStreamGivesTheArchivesImage() throws IOException {
    DockerArchiveReader.Result streamed;
    try (InputStream in = Files.newInputStream(saved)) {
      streamed = DockerArchiveReader.read(in, "podman save", null);
    }
    ImageSources.clearCache();
    List<String> fromFile = ContainerImage.fromDockerArchive(saved).filesystem().entries().stream()
        .map(FileEntry::toString).toList();
    assertThat(streamed.filesystem().entries()).map(FileEntry::toString)
        .containsExactlyElementsOf(fromFile)
        .contains("-rwxr-xr-x 0:0 /app", "drwxr-xr-x 0:0 /usr/bin")
        .noneMatch(line -> line.contains("passwd -"));
    assertThat(streamed.config().config.user()).isEqualTo("65532:65532");
  }

  @Test
  void aNamedTarThatIsNoLayerSaysWhy() {
    byte[] notATar = "this is not a tar archive, though its name ends in .tar\n".repeat(20).getBytes();
    byte[] archive = RawTar.create()
        .file("0123.tar", notATar, 0644)
        .file("config.json", "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "0".repeat(64)
            + "\"]}}", 0644)
        .file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"0123.tar\"]}]", 0644)
        .end();
    assertThatThrownBy(() -> DockerArchiveReader.read(new ByteArrayInputStream(archive), "podman save", null))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith("layer 0123.tar of podman save: cannot read the layer");
  }

  private static String podman(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(PODMAN.toString()));
    command.addAll(List.of(args));
    return DockerCli.exec(command, null, Map.of());
  }
}
