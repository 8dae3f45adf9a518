package io.podarmor.internal.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the engine may be, in the order the docker CLI and Testcontainers users expect: an explicit setting first
 * ({@code DOCKER_HOST}, {@code docker.host} in {@code ~/.testcontainers.properties}, the Docker context of
 * {@code DOCKER_CONTEXT} or {@code ~/.docker/config.json}), which is then the only place tried; else the usual sockets:
 * the default one, rootless Docker's, Docker Desktop's, podman's (rootful and rootless).
 */
final class EngineLocator {
  /** A place to try: where the setting came from, the engine's address, and its TLS certificates' directory. */
  record Candidate(String place, URI host, Path tlsCertPath) {
    @Override
    public String toString() {
      return host + " (" + place + ")";
    }
  }

  /** The places, and what was found instead of a place for the settings that are not there. */
  record Places(List<Candidate> candidates, List<String> notSet) {}

  private EngineLocator() {}

  /** The places to try, from the environment and the home directory given. */
  static Places places(Map<String, String> env, Path home) {
    List<String> notSet = new ArrayList<>();
    String dockerHost = env.getOrDefault("DOCKER_HOST", "").strip();
    if (!dockerHost.isEmpty()) {
      return explicit(new Candidate("DOCKER_HOST", URI.create(dockerHost), tls(env.get("DOCKER_TLS_VERIFY"),
          env.get("DOCKER_CERT_PATH"), home)));
    }
    notSet.add("DOCKER_HOST: not set");
    Path tcProperties = home.resolve(".testcontainers.properties");
    Properties tc = properties(tcProperties);
    String tcHost = tc.getProperty("docker.host", "").strip();
    if (!tcHost.isEmpty()) {
      return explicit(new Candidate(tcProperties + " docker.host", URI.create(tcHost),
          tls(tc.getProperty("docker.tls.verify"), tc.getProperty("docker.cert.path"), home)));
    }
    notSet.add(tcProperties + ": " + (Files.isRegularFile(tcProperties) ? "no docker.host" : "no such file"));
    String context = context(env, home);
    if (!context.isEmpty() && !context.equals("default")) {
      Candidate fromContext = fromContext(context, home);
      if (fromContext != null) {
        return explicit(fromContext);
      }
      notSet.add("Docker context " + context + ": no docker endpoint under " + home.resolve(".docker/contexts"));
    } else {
      notSet.add("Docker context: default");
    }
    List<Candidate> sockets = new ArrayList<>();
    sockets.add(socket("the default socket", Path.of("/var/run/docker.sock")));
    String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "");
    if (!runtimeDir.isEmpty()) {
      sockets.add(socket("rootless Docker's socket", Path.of(runtimeDir, "docker.sock")));
    }
    sockets.add(socket("Docker Desktop's socket", home.resolve(".docker/run/docker.sock")));
    sockets.add(socket("Docker Desktop's socket", home.resolve(".docker/desktop/docker.sock")));
    sockets.add(socket("podman's socket", Path.of("/run/podman/podman.sock")));
    if (!runtimeDir.isEmpty()) {
      sockets.add(socket("rootless podman's socket", Path.of(runtimeDir, "podman/podman.sock")));
    }
    return new Places(sockets, notSet);
  }

  private static Places explicit(Candidate candidate) {
    return new Places(List.of(candidate), List.of());
  }

  private static Candidate socket(String place, Path path) {
    return new Candidate(place, URI.create("unix://" + path), null);
  }

  /** The certificates' directory when TLS verification is on ({@code 1} or {@code true}), else {@code null}. */
  private static Path tls(String verify, String certPath, Path home) {
    if (verify == null || !(verify.strip().equals("1") || verify.strip().equalsIgnoreCase("true"))) {
      return null;
    }
    return certPath == null || certPath.isBlank() ? home.resolve(".docker") : Path.of(certPath.strip());
  }

  private static String context(Map<String, String> env, Path home) {
    String context = env.getOrDefault("DOCKER_CONTEXT", "").strip();
    if (!context.isEmpty()) {
      return context;
    }
    Path config = Path.of(env.getOrDefault("DOCKER_CONFIG", home.resolve(".docker").toString()), "config.json");
    if (!Files.isRegularFile(config)) {
      return "";
    }
    try {
      JsonNode current = Json.readObject(Files.readAllBytes(config), config.toString()).get("currentContext");
      return current == null || !current.isTextual() ? "" : current.textValue();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** A context's docker endpoint, as the CLI stores it: {@code contexts/meta/<sha256 of its name>/meta.json}. */
  private static Candidate fromContext(String name, Path home) {
    String id = sha256(name);
    Path meta = home.resolve(".docker/contexts/meta").resolve(id).resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      return null;
    }
    try {
      JsonNode endpoint = Json.readObject(Files.readAllBytes(meta), meta.toString()).path("Endpoints").path("docker");
      String host = endpoint.path("Host").asText("");
      if (host.isEmpty()) {
        return null;
      }
      Path tls = home.resolve(".docker/contexts/tls").resolve(id).resolve("docker");
      boolean verify = !endpoint.path("SkipTLSVerify").asBoolean(false) && Files.isDirectory(tls);
      return new Candidate("Docker context " + name, URI.create(host), verify ? tls : null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Properties properties(Path file) {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        // unreadable: as if absent; the failure names the file
      }
    }
    return p;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
