package io.podarmor.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.testing.DockerCli;
import io.podarmor.testing.RuntimeImages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's images over its unix socket answer what the engine's own CLI answers. */
class SocketImagesTest {
  private static final SocketImages ENGINE = new SocketImages(Path.of("/var/run/docker.sock"));

  @TempDir Path tmp;

  @Test
  void an_inspection_is_what_docker_image_inspect_says() throws Exception {
    String image = RuntimeImages.shellless();

    EngineImages.Inspection inspection = ENGINE.inspect(image);

    assertThat(inspection.id()).isEqualTo(DockerCli.run("image", "inspect", "-f", "{{.Id}}", image).strip());
    assertThat(inspection.os() + "/" + inspection.architecture())
        .isEqualTo(DockerCli.run("image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", image).strip());
    assertThat(String.join(",", inspection.repoDigests()))
        .isEqualTo(DockerCli.run("image", "inspect", "-f", "{{join .RepoDigests \",\"}}", image).strip());
  }

  @Test
  void an_image_the_engine_does_not_have_is_null_and_a_refusal_carries_the_engines_message() throws Exception {
    assertThat(ENGINE.inspect("podarmor-test/not-there:" + System.nanoTime())).isNull();
    assertThatThrownBy(() -> ENGINE.export("sha256:" + "0".repeat(64)))
        .hasMessageMatching("the engine answered [45]\\d\\d: .*sha256:" + "0".repeat(64) + ".*"); // 500 on Docker 20.10
  }

  @Test
  void an_export_is_byte_for_byte_docker_save() throws Exception {
    String image = RuntimeImages.shellless();
    String id = ENGINE.inspect(image).id();
    Path saved = tmp.resolve("saved.tar");
    DockerCli.run("save", "-o", saved.toString(), id);

    byte[] exported;
    try (InputStream in = ENGINE.export(id)) {
      exported = in.readAllBytes();
    }

    assertThat(sha256(exported)).isEqualTo(sha256(Files.readAllBytes(saved)));
  }

  @Test
  void the_engine_of_this_machine_is_reached_over_its_socket_for_static_checks() {
    assertThat(Docker.images()).isInstanceOf(SocketImages.class);
    assertThat(List.of(Docker.host())).containsExactly("unix:///var/run/docker.sock");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void an_inspection_is_read_strictly_field_by_field() throws Exception {
    String digest = "sha256:" + "b".repeat(64);
    EngineImages.Inspection read = SocketImages.inspection(("{\"Config\":{\"Id\":\"not this\"},\"Id\":\"" + digest
        + "\",\"RepoDigests\":[\"app@" + digest + "\"],\"Os\":\"linux\",\"Architecture\":\"arm64\","
        + "\"RootFS\":{\"Layers\":[\"x\"]}}").getBytes(StandardCharsets.UTF_8));
    assertThat(read).isEqualTo(new EngineImages.Inspection(digest, "linux", "arm64", List.of("app@" + digest)));

    // fields are read wherever they are, whatever comes before them
    assertThat(SocketImages.inspection(("{\"RepoDigests\":[{\"Id\":\"sha256:" + "c".repeat(64) + "\"},7],\"Id\":\""
        + digest + "\"}").getBytes(StandardCharsets.UTF_8)).id()).isEqualTo(digest);

    assertThatThrownBy(() -> SocketImages.inspection("{\"Id\":\"a\",\"Id\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("Duplicate field 'Id'");
    assertThatThrownBy(() -> SocketImages.inspection("{\"Os\":\"linux\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the engine's inspection has no image ID");
    assertThatThrownBy(() -> SocketImages.inspection("[]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the engine's inspection is not a JSON object");
  }
}
