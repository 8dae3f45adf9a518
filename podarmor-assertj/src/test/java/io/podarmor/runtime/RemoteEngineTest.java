package io.podarmor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.docker.Docker;
import io.podarmor.testing.RuntimeImages;
import io.podarmor.testing.TestTlsEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine reached over TCP with TLS, named the way a CI job names a remote one ({@code DOCKER_HOST=tcp://…},
 * {@code DOCKER_TLS_VERIFY=1}, {@code DOCKER_CERT_PATH}): the local engine behind a TLS listener with certificates
 * made here. A child JVM with only those variables reads an engine image and runs its container through it.
 */
class RemoteEngineTest {
  static String image;
  static Path socket;

  @TempDir Path tmp;

  @BeforeAll
  static void engine() {
    image = RuntimeImages.shellless();
    String host = Docker.host();
    assertThat(host).as("the local engine the TLS listener fronts").startsWith("unix://");
    socket = Path.of(host.substring("unix://".length()));
  }

  @Test
  void static_and_runtime_checks_run_against_an_engine_over_tcp_with_tls() throws Exception {
    try (TestTlsEngine tls = TestTlsEngine.start(socket)) {
      Path certs = tls.clientCertificates(tmp.resolve("certs"));
      Result r = child(Map.of("DOCKER_HOST", tls.host().toString(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
          certs.toString()));
      assertThat(r.exit).as(r.output).isZero();
      assertThat(r.output).contains("engine " + tls.host(), "ok");
      assertThat(tls.connections()).as("connections made over TLS").isGreaterThan(2);
    }
  }

  /** In CI, {@code .ci/run} starts dockerd listening on 127.0.0.1:2376 too, with certificates it made for the run. */
  @Test
  @EnabledIfEnvironmentVariable(named = "PODARMOR_TEST_ENGINE_TLS_HOST", matches = "tcp://.+")
  void static_and_runtime_checks_run_against_dockerds_own_tls_listener() throws Exception {
    String host = System.getenv("PODARMOR_TEST_ENGINE_TLS_HOST");

    Result r = child(Map.of("DOCKER_HOST", host, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
        System.getenv("PODARMOR_TEST_ENGINE_TLS_CERTS")));

    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("engine " + host, "ok");
  }

  @Test
  void a_client_certificate_the_engine_does_not_trust_fails_naming_the_engine_and_why() throws Exception {
    try (TestTlsEngine tls = TestTlsEngine.start(socket)) {
      Path certs = tls.foreignClientCertificates(tmp.resolve("foreign"));
      Result r = child(Map.of("DOCKER_HOST", tls.host().toString(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
          certs.toString()));
      assertThat(r.exit).as(r.output).isEqualTo(3);
      assertThat(r.output).contains("failed: No Docker engine answered; looked at: " + tls.host() + " (DOCKER_HOST): ");
      assertThat(tls.connections()).isZero();
    }
  }

  private record Result(int exit, String output) {}

  private Result child(Map<String, String> env) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // no disk cache: the image is read through docker save over the TLS connection every time
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dpodarmor.cache.dir=none", "-cp",
        System.getProperty("java.class.path"), RemoteEngineMain.class.getName(), image).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.txt").toFile());
    builder.environment().remove("DOCKER_CONTEXT");
    builder.environment().put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child did not finish in 120 s: " + Files.readString(tmp.resolve("child.txt")));
    }
    return new Result(p.exitValue(), Files.readString(tmp.resolve("child.txt"), StandardCharsets.UTF_8));
  }
}
