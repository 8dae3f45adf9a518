package io.podarmor.internal.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.podarmor.internal.oci.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credential files known by their path: SSH private keys by name ({@code id_rsa}, {@code id_dsa}, {@code id_ecdsa},
 * {@code id_ed25519}, {@code ssh_host_*_key}) and, confirmed by their content, {@code .env}, {@code credentials.json},
 * {@code .aws/credentials}, {@code .docker/config.json} with an {@code auth} or {@code identitytoken},
 * {@code .npmrc} with {@code _authToken}/{@code _auth}/{@code _password}, {@code .git-credentials}, {@code .netrc}
 * with a password and {@code .pgpass}. An empty file or one holding only placeholders is no credential file.
 */
public final class CredentialFiles {
  private static final Set<String> SSH_KEYS = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");
  /**
   * {@code NAME=value} on a line of its own; the value runs to the end of the line (its trailing blanks dropped by
   * {@link #value}), so that each line is matched in one pass.
   */
  static final Pattern ASSIGNMENT = Pattern.compile(
      "^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \\t]*=[ \\t]*(.*)$", Pattern.MULTILINE);
  private static final Pattern AWS = Pattern.compile(
      "^[ \\t]*(aws_secret_access_key|aws_session_token|aws_access_key_id)[ \\t]*=[ \\t]*(\\S+)", Pattern.MULTILINE);
  private static final Pattern NPM = Pattern.compile("^[ \\t]*(\\S*?_(?:authToken|auth|password))[ \\t]*=[ \\t]*(\\S+)",
      Pattern.MULTILINE);
  private static final Pattern GIT = Pattern.compile("^[ \\t]*(\\w+://[^:/@\\s]+):([^@\\s]+)@(\\S+)", Pattern.MULTILINE);
  private static final Pattern NETRC = Pattern.compile("(?:^|\\s)password\\s+(\\S+)");
  /** {@code host:port:database:user:password} on one line: no field reaches into the next line. */
  static final Pattern PGPASS = Pattern.compile("^([^#:\\s][^:\\v]*:[^:\\v]*:[^:\\v]*:[^:\\v]*):(.+)$",
      Pattern.MULTILINE);

  /** Walks docker configs token by token, whatever keys repeat. */
  private static final JsonFactory WALK = new JsonFactory();
  /** A docker config's credential by its key alone, for a document too broken to walk. */
  private static final Pattern DOCKER_AUTH = Pattern.compile("\"(auth|identitytoken)\"\\s*:\\s*\"([^\"\\\\]+)\"",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private CredentialFiles() {}

  /** What the name alone says the file is (a private key), whatever its size, or {@code null}. */
  public static String byName(String path, long size) {
    String name = name(path);
    if (size > 0 && (SSH_KEYS.contains(name) || name.startsWith("ssh_host_") && name.endsWith("_key"))) {
      return "SSH private key";
    }
    return null;
  }

  /** True when the file's content decides whether it is a credential file. */
  public static boolean byContent(String path) {
    String name = name(path);
    return name.equals(".env") || name.startsWith(".env.") && !isTemplate(name) || name.equals("credentials.json")
        || path.endsWith("/.aws/credentials") || path.endsWith("/.docker/config.json") || name.equals(".npmrc")
        || name.equals(".git-credentials") || name.equals(".netrc") || name.equals(".pgpass");
  }

  /** The redacted evidence that this file holds a credential, or {@code null}. */
  public static String inspect(String path, byte[] buf, int len) {
    String name = name(path);
    String text = new String(buf, 0, len, StandardCharsets.UTF_8);
    if (name.equals(".env") || name.startsWith(".env.")) {
      return dotEnv(text);
    }
    if (name.equals("credentials.json")) {
      return text.isBlank() ? null : "credentials file";
    }
    if (path.endsWith("/.aws/credentials")) {
      return firstValue(AWS.matcher(text));
    }
    if (path.endsWith("/.docker/config.json")) {
      return dockerConfig(text);
    }
    if (name.equals(".npmrc")) {
      return firstValue(NPM.matcher(text));
    }
    if (name.equals(".git-credentials")) {
      Matcher m = GIT.matcher(text);
      return m.find() ? m.group(1) + ":" + SecretRules.redact(m.group(2)) + "@" + m.group(3) : null;
    }
    if (name.equals(".netrc")) {
      Matcher m = NETRC.matcher(text);
      while (m.find()) {
        if (SecretRules.looksLikeValue(m.group(1))) {
          return "password " + SecretRules.redact(m.group(1));
        }
      }
      return null;
    }
    if (name.equals(".pgpass")) {
      Matcher m = PGPASS.matcher(text);
      return m.find() ? m.group(1) + ":" + SecretRules.redact(m.group(2).trim()) : null;
    }
    return null;
  }

  /** A .env file counts when it assigns a value: a secret-named one first, else the first. */
  private static String dotEnv(String text) {
    Matcher m = ASSIGNMENT.matcher(text);
    String first = null;
    while (m.find()) {
      String value = unquote(value(m));
      if (!SecretRules.looksLikeValue(value)) {
        continue;
      }
      String evidence = m.group(1) + "=" + SecretRules.redact(value);
      if (SecretRules.isSecretName(m.group(1))) {
        return evidence;
      }
      if (first == null) {
        first = evidence;
      }
    }
    return first;
  }

  /** The first assignment with a value, preferring a secret-named one (aws_secret_access_key over the key id). */
  private static String firstValue(Matcher m) {
    String first = null;
    while (m.find()) {
      String value = unquote(m.group(2));
      if (SecretRules.looksLikeValue(value)) {
        String evidence = m.group(1) + "=" + SecretRules.redact(value);
        if (SecretRules.isSecretName(m.group(1))) {
          return evidence;
        }
        first = first == null ? evidence : first;
      }
    }
    return first;
  }

  /**
   * The first registry credential of a docker config. The secret is in the image however the document reads, so the
   * file is walked, not decoded: every occurrence of a repeated key counts, and a document broken after the secret
   * still shows it; one broken before it is searched for the keys alone. Keys match as the docker CLI's Go decoder
   * matches them ({@link Json#foldEquals}): {@code AUTHS} and {@code Auth} are {@code auths} and {@code auth}.
   */
  private static String dockerConfig(String text) {
    try (JsonParser json = WALK.createParser(text)) {
      List<String> path = new ArrayList<>();
      for (JsonToken t = json.nextToken(); t != null; t = json.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> path.add(json.currentName() == null ? "" : json.currentName());
          case END_OBJECT, END_ARRAY -> path.remove(path.size() - 1);
          case VALUE_STRING -> {
            String field = json.currentName();
            String value = json.getText();
            String key = field == null ? null : Json.foldEquals(field, "auth") ? "auth"
                : Json.foldEquals(field, "identitytoken") ? "identitytoken" : null;
            if (path.size() == 3 && Json.foldEquals(path.get(1), "auths") && key != null && !value.isEmpty()) {
              return "auths." + path.get(2) + "." + key + "=" + SecretRules.redact(value);
            }
          }
          default -> { }
        }
      }
      return null;
    } catch (IOException | RuntimeException broken) {
      Matcher m = DOCKER_AUTH.matcher(text);
      return m.find() ? (Json.foldEquals(m.group(1), "auth") ? "auth" : "identitytoken") + "="
          + SecretRules.redact(m.group(2)) : null;
    }
  }

  /** An assignment's value without the blanks that end its line. */
  static String value(Matcher assignment) {
    String v = assignment.group(2);
    int end = v.length();
    while (end > 0 && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\t')) {
      end--;
    }
    return v.substring(0, end);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static boolean isTemplate(String name) {
    return name.endsWith(".example") || name.endsWith(".sample") || name.endsWith(".template")
        || name.endsWith(".dist") || name.endsWith(".tpl");
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
