package io.podarmor.internal.registry;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} as docker does: the server URL on stdin, a JSON object
 * ({@code ServerURL}, {@code Username}, {@code Secret}) on stdout. "credentials not found" means anonymous.
 */
final class CredentialHelper {
  private static final int MAX_OUTPUT = 1024 * 1024;

  private final String name;
  private final List<Path> path;
  private final Duration timeout;
  private final String configuredIn;

  CredentialHelper(String name, List<Path> path, Duration timeout, String configuredIn) {
    this.name = name;
    this.path = path;
    this.timeout = timeout;
    this.configuredIn = configuredIn;
  }

  String executableName() {
    return "docker-credential-" + name;
  }

  Optional<Credential> get(String serverUrl) {
    Path exe = find();
    String what = "credential helper " + executableName() + " (" + configuredIn + ")";
    Process process;
    try {
      process = new ProcessBuilder(exe.toString(), "get").redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new ImageException("Cannot run " + what + ": " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the helper may exit without reading stdin; its exit code and output tell what happened
    }
    int exit;
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ImageException(what + " did not answer within " + timeout.toSeconds() + " s for " + serverUrl);
      }
      exit = process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ImageException("Interrupted while running " + what, e);
    }
    String out = new String(stdout.join(), StandardCharsets.UTF_8).trim();
    String err = new String(stderr.join(), StandardCharsets.UTF_8).trim();
    if (exit != 0) {
      if ((out + " " + err).toLowerCase(Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      throw new ImageException(what + " failed for " + serverUrl + " (exit code " + exit + "): "
          + (err.isEmpty() ? out : err));
    }
    JsonNode node;
    try {
      node = Json.tree(out.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ImageException(what + " printed no JSON for " + serverUrl + ": " + firstLine(e.getMessage()), e);
    }
    if (node == null || !node.isObject()) {
      throw new ImageException(what + " printed no JSON object for " + serverUrl);
    }
    String username = node.path("Username").asText("");
    String secret = node.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    String source = "credential helper " + executableName();
    if (Credential.IDENTITY_TOKEN_USER.equals(username)) {
      return Optional.of(Credential.identityToken(username, secret, source));
    }
    return Optional.of(Credential.basic(username, secret, source));
  }

  private Path find() {
    for (Path dir : path) {
      Path candidate = dir.resolve(executableName());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new ImageException("Credential helper " + executableName() + " (" + configuredIn
        + ") is not an executable on the PATH (" + path.size() + " directories searched); install it or remove it"
        + " from the docker config");
  }

  /** Reads a pipe on its own daemon thread, so neither pipe can fill up and block the helper. */
  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (in) {
        byte[] bytes = in.readNBytes(MAX_OUTPUT);
        in.transferTo(OutputStream.nullOutputStream());
        result.complete(bytes);
      } catch (IOException e) {
        result.complete(new byte[0]);
      }
    }, "podarmor-credential-helper");
    t.setDaemon(true);
    t.start();
    return result;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
