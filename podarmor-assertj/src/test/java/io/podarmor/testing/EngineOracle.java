package io.podarmor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The engine's own code, asked directly: runc's user lookup, the engine's image config decoding (Go's
 * {@code encoding/json} into docker's structs) and Go's {@code archive/tar}, in a small Go program
 * ({@code src/test/go/engine-oracle}) built once from Debian's Go packages of the engine's versions and kept running for
 * the whole test run. Differential tests and fuzzers compare PodArmor's answers with its answers.
 *
 * <pre>{@code
 * JsonNode runc = EngineOracle.shared().user("app", passwdBytes, groupBytes);
 * runc.path("uid32").asLong();   // what the engine runs the container as, or runc.has("err")
 * }</pre>
 */
public final class EngineOracle {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCE = Path.of("src", "test", "go", "engine-oracle", "main.go");
  private static EngineOracle shared;

  private final Process process;
  private final OutputStream requests;
  private final BufferedReader answers;

  private EngineOracle(Path binary) throws IOException {
    this.process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    this.requests = process.getOutputStream();
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
  }

  /** The oracle of this test run, built on first use. */
  public static synchronized EngineOracle shared() {
    if (shared == null) {
      try {
        shared = new EngineOracle(build());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the engine oracle", e);
      }
    }
    return shared;
  }

  /** runc's {@code GetExecUser}: {@code uid}, {@code gid}, {@code uid32}, {@code gid32}, or {@code err}. */
  public synchronized JsonNode user(String spec, byte[] passwd, byte[] group) {
    ObjectNode r = JSON.createObjectNode().put("op", "user").put("spec", spec);
    if (passwd != null) {
      r.put("passwd", Base64.getEncoder().encodeToString(passwd));
    }
    if (group != null) {
      r.put("group", Base64.getEncoder().encodeToString(group));
    }
    return ask(r);
  }

  /** The config as the engine decodes it: {@code user}, {@code cmd}, {@code healthcheck}, …, or {@code err}. */
  public synchronized JsonNode config(byte[] json) {
    return ask(JSON.createObjectNode().put("op", "config").put("json", Base64.getEncoder().encodeToString(json)));
  }

  /** The entries Go's {@code archive/tar} reads, and {@code err} where it stops with an error. */
  public synchronized JsonNode tar(byte[] data) {
    return ask(JSON.createObjectNode().put("op", "tar").put("data", Base64.getEncoder().encodeToString(data)));
  }

  private JsonNode ask(ObjectNode request) {
    try {
      requests.write(JSON.writeValueAsBytes(request));
      requests.write('\n');
      requests.flush();
      String line = answers.readLine();
      if (line == null) {
        throw new IllegalStateException("the engine oracle exited (code " + process.waitFor() + ")");
      }
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Builds the oracle (once per version of its source), with no network: Debian's Go packages, GOPATH mode. */
  private static Path build() throws IOException {
    if (!Files.isRegularFile(SOURCE)) {
      throw new IllegalStateException("No oracle source at " + SOURCE.toAbsolutePath());
    }
    String version = TestImage.hex(TestImage.sha256(Files.readAllBytes(SOURCE))).substring(0, 16);
    Path binary = Path.of("target", "engine-oracle", "engine-oracle-" + version).toAbsolutePath();
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Path go = Path.of("/usr/bin/go");
    if (!Files.isExecutable(go)) {
      throw new IllegalStateException("/usr/bin/go is missing: install Debian's golang-go, "
          + "golang-github-opencontainers-runc-dev and golang-github-docker-docker-dev (.ci/run does)");
    }
    Files.createDirectories(binary.getParent());
    DockerCli.exec(List.of(go.toString(), "build", "-o", binary.toString(), SOURCE.toAbsolutePath().toString()),
        null, Map.of("GO111MODULE", "off", "GOPATH", "/usr/share/gocode", "GOFLAGS", "",
            "GOCACHE", binary.getParent().resolve("go-cache").toString(), "CGO_ENABLED", "0"));
    return binary;
  }
}
