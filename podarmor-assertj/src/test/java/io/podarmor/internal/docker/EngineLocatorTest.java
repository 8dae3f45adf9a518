package io.podarmor.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.docker.EngineLocator.Places;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine is found where users expect it, an explicit setting alone, and its absence is said within 10 s. */
class EngineLocatorTest {
  @TempDir Path home;

  @Test
  void docker_host_is_the_only_place_tried_when_set() {
    Places places = EngineLocator.places(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY", "1",
        "DOCKER_CERT_PATH", "/certs"), home);

    assertThat(places.candidates()).singleElement().satisfies(c -> {
      assertThat(c.place()).isEqualTo("DOCKER_HOST");
      assertThat(c.host()).hasToString("tcp://10.0.0.5:2376");
      assertThat(c.tlsCertPath()).isEqualTo(Path.of("/certs"));
    });
  }

  @Test
  void testcontainers_properties_then_the_docker_context_come_next() throws Exception {
    Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///srv/engine.sock\n");
    assertThat(EngineLocator.places(Map.of(), home).candidates()).singleElement()
        .satisfies(c -> assertThat(c.host()).hasToString("unix:///srv/engine.sock"));

    Files.delete(home.resolve(".testcontainers.properties"));
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\": \"remote\"}");
    String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("remote".getBytes(StandardCharsets.UTF_8)));
    Path meta = Files.createDirectories(home.resolve(".docker/contexts/meta").resolve(id));
    Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"remote\",\"Endpoints\":{\"docker\":"
        + "{\"Host\":\"tcp://build-host:2376\",\"SkipTLSVerify\":false}}}");
    Files.createDirectories(home.resolve(".docker/contexts/tls").resolve(id).resolve("docker"));

    assertThat(EngineLocator.places(Map.of(), home).candidates()).singleElement().satisfies(c -> {
      assertThat(c.place()).isEqualTo("Docker context remote");
      assertThat(c.host()).hasToString("tcp://build-host:2376");
      assertThat(c.tlsCertPath()).isEqualTo(home.resolve(".docker/contexts/tls").resolve(id).resolve("docker"));
    });
  }

  @Test
  void without_a_setting_the_usual_sockets_are_tried_in_order() {
    Places places = EngineLocator.places(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home);

    assertThat(places.candidates()).extracting(c -> c.host().toString()).containsExactly(
        "unix:///var/run/docker.sock", "unix:///run/user/1000/docker.sock",
        "unix://" + home.resolve(".docker/run/docker.sock"), "unix://" + home.resolve(".docker/desktop/docker.sock"),
        "unix:///run/podman/podman.sock", "unix:///run/user/1000/podman/podman.sock");
    assertThat(places.notSet()).containsExactly("DOCKER_HOST: not set",
        home.resolve(".testcontainers.properties") + ": no such file", "Docker context: default");
  }

  @Test
  void with_no_engine_the_failure_comes_within_ten_seconds_and_names_every_place() {
    long start = System.nanoTime();

    Docker.Engine engine = Docker.findFor(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString()),
        home.resolve("nobody"));
    Docker.Engine refused = Docker.findFor(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), home);

    assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    assertThat(refused.failure()).startsWith("No Docker engine answered; looked at: tcp://127.0.0.1:1 (DOCKER_HOST): ")
        .endsWith(". Start one (sudo systemctl start docker, or dockerd; for podman, podman system service), or set "
            + "DOCKER_HOST to where it listens");
    if (!Files.exists(Path.of("/var/run/docker.sock"))) {
      assertThat(engine.failure()).contains("unix:///var/run/docker.sock (the default socket): no such socket");
    }
    assertThat(engine.failure() == null ? "" : engine.failure())
        .doesNotContain("podman's socket): no answer");
  }

  @Test
  void the_engine_of_this_machine_answers_at_the_default_socket() {
    Docker.Engine engine = Docker.findFor(Map.of(), home);

    assertThat(engine.failure()).isNull();
    assertThat(engine.host()).isEqualTo("unix:///var/run/docker.sock");
  }
}
