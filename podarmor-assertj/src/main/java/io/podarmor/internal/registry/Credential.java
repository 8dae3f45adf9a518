package io.podarmor.internal.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials for one registry, as docker keeps them: a user name and password (or token), or an identity token
 * (an OAuth2 refresh token; credential helpers return it with the user name {@code <token>}); {@code source} says
 * where it came from, for messages, e.g. {@code auths in /root/.docker/config.json}.
 */
record Credential(String username, String secret, String identityToken, String source) {
  static final String IDENTITY_TOKEN_USER = "<token>";

  static Credential basic(String username, String secret, String source) {
    return new Credential(username, secret, null, source);
  }

  static Credential identityToken(String username, String token, String source) {
    return new Credential(username, null, token, source);
  }

  boolean hasIdentityToken() {
    return identityToken != null && !identityToken.isEmpty();
  }

  String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Who, for messages; never the secret. */
  String describe() {
    return (hasIdentityToken() ? "an identity token" : "user '" + username + "'") + " from " + source;
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return describe();
  }
}
