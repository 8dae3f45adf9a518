package io.podarmor.internal.registry;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Finds credentials the way the docker CLI does, from {@code config.json} in the docker config directory: a
 * per-registry helper in {@code credHelpers}, else the {@code credsStore} helper, else the {@code auths} entry
 * ({@code auth} = base64 of {@code user:password}, or {@code username}/{@code password}, or
 * {@code identitytoken}). Keys of {@code auths} match by host, with or without scheme and path, as docker matches
 * them.
 */
final class DockerCredentials {

  private final RegistryOptions options;

  DockerCredentials(RegistryOptions options) {
    this.options = options;
  }

  /** The config file this reads. */
  Path configFile() {
    return options.dockerConfigDir().resolve("config.json");
  }

  /**
   * The credentials for a registry, or empty for anonymous access.
   *
   * @param credentialKey {@link ImageReference#credentialKey()}
   * @throws ImageException when the config is unreadable or a configured helper fails
   */
  Optional<Credential> find(String credentialKey) {
    Path file = configFile();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode config;
    try {
      config = Json.tree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ImageException("Cannot read docker config " + file + ": " + firstLine(e.getMessage()), e);
    }
    if (config == null || !config.isObject()) {
      throw new ImageException("Cannot read docker config " + file + ": not a JSON object");
    }
    String host = hostOf(credentialKey);
    JsonNode helpers = config.get("credHelpers");
    if (helpers != null && helpers.isObject()) {
      String helper = matching(helpers, host);
      if (helper != null && !helper.isEmpty()) {
        return helper(helper, credentialKey, "credHelpers");
      }
    }
    JsonNode store = config.get("credsStore");
    if (store != null && store.isTextual() && !store.asText().isEmpty()) {
      return helper(store.asText(), credentialKey, "credsStore");
    }
    JsonNode auths = config.get("auths");
    if (auths == null || !auths.isObject()) {
      return Optional.empty();
    }
    JsonNode entry = matchingNode(auths, host);
    if (entry == null || !entry.isObject()) {
      return Optional.empty();
    }
    return fromAuthEntry(entry, "auths in " + file);
  }

  private Optional<Credential> helper(String name, String credentialKey, String field) {
    CredentialHelper helper = new CredentialHelper(name, options.helperPath(), options.helperTimeout(),
        "configured in " + configFile() + " (" + field + ")");
    return helper.get(credentialKey);
  }

  private Optional<Credential> fromAuthEntry(JsonNode entry, String source) {
    String identityToken = text(entry, "identitytoken");
    String username = text(entry, "username");
    String password = text(entry, "password");
    String auth = text(entry, "auth");
    if (auth != null && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ImageException("Cannot read " + source + ": the 'auth' value is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new ImageException("Cannot read " + source + ": the 'auth' value is not base64 of user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (identityToken != null && !identityToken.isEmpty()) {
      return Optional.of(Credential.identityToken(username == null ? "" : username, identityToken, source));
    }
    if (username == null || username.isEmpty() || password == null) {
      return Optional.empty();
    }
    return Optional.of(Credential.basic(username, password, source));
  }

  /** An exact key first, then any key whose host part equals the host (docker's {@code ConvertToHostname}). */
  private static String matching(JsonNode object, String host) {
    JsonNode node = matchingNode(object, host);
    return node == null || !node.isTextual() ? null : node.asText();
  }

  private static JsonNode matchingNode(JsonNode object, String host) {
    if (object.has(host)) {
      return object.get(host);
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (hostOf(e.getKey()).equals(host)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** {@code https://index.docker.io/v1/} → {@code index.docker.io}; {@code http://h:5000/v2} → {@code h:5000}. */
  static String hostOf(String key) {
    String k = key;
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    return slash < 0 ? k : k.substring(0, slash);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
