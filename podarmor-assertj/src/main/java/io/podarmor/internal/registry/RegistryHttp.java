package io.podarmor.internal.registry;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GET requests to registries: the bearer-token challenge flow and basic credentials, bounded retries with backoff on
 * 429, 5xx and dropped connections, redirects followed by hand (the registry's {@code Authorization} never goes to
 * another origin), plain http only for loopback hosts. Errors become {@link ImageException}s naming the reference.
 */
final class RegistryHttp {
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_TOKEN_BODY = 1024 * 1024;
  private static final String USER_AGENT = "podarmor/0.1 (java.net.http)";
  private static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(60);

  /** A response with its body still open: close it. */
  static final class Response implements AutoCloseable {
    final int status;
    final HttpHeaders headers;
    final InputStream body;
    final URI uri;
    /** The credential the final request carried (to the registry or its token service), or null: anonymous. */
    final Credential credential;
    /** False when a redirect led to another origin (blob storage). */
    final boolean fromRegistry;

    Response(int status, HttpHeaders headers, InputStream body, URI uri, Credential credential,
        boolean fromRegistry) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.uri = uri;
      this.credential = credential;
      this.fromRegistry = fromRegistry;
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The body, at most {@code max} bytes; more fails. */
    byte[] bytes(long max, String what) {
      try (InputStream in = body) {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
          throw new ImageException(what + " is larger than " + max + " bytes");
        }
        return bytes;
      } catch (IOException e) {
        throw new ImageException("Cannot read " + what + " from " + uri + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  private static final class CachedAuth {
    final String header;
    final Instant expires;

    CachedAuth(String header, Instant expires) {
      this.header = header;
      this.expires = expires;
    }
  }

  private final RegistryOptions options;
  private final HttpClient client;
  private final DockerCredentials credentials;
  private final Map<String, Optional<Credential>> credentialCache = new ConcurrentHashMap<>();
  private final Map<String, CachedAuth> authCache = new ConcurrentHashMap<>();

  RegistryHttp(RegistryOptions options) {
    this.options = options;
    this.credentials = new DockerCredentials(options);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  RegistryOptions options() {
    return options;
  }

  /**
   * Sends a GET to the registry of {@code ref}, authenticating and retrying as needed. The caller checks the status
   * (with {@link #fail}) and closes the response.
   *
   * @param path   the path after the registry's base URI, e.g. {@code /v2/acme/api/manifests/1}
   * @param target what is asked for, for messages: {@code manifest '1'}, {@code blob sha256:…}
   */
  Response get(ImageReference ref, String path, List<String> accept, String target) {
    URI uri = URI.create(ref.baseUri() + path);
    String authKey = ref.apiHost() + "|" + ref.repository();
    for (int attempt = 1; ; attempt++) {
      CachedAuth cached = authCache.get(authKey);
      String auth = cached != null && cached.expires.isAfter(Instant.now()) ? cached.header : null;
      Credential used = auth == null ? null : credentialFor(ref).orElse(null);
      Response response = follow(ref, uri, accept, auth, used, target, attempt);
      if (response.status == 401 && response.fromRegistry) {
        List<AuthChallenge> challenges = AuthChallenge.parse(response.headers.allValues("WWW-Authenticate"));
        String detail = errorDetail(response);
        CachedAuth fresh = authorize(ref, challenges, target, detail);
        if (fresh == null || fresh.header.equals(auth)) {
          throw unauthorized(ref, response.credential != null ? response.credential : used, detail);
        }
        authCache.put(authKey, fresh);
        response = follow(ref, uri, accept, fresh.header, credentialFor(ref).orElse(null), target, attempt);
      }
      if (retryable(response.status) && attempt < options.maxAttempts()) {
        Duration wait = backoff(attempt, response.header("Retry-After").orElse(null));
        response.close();
        sleep(wait);
        continue;
      }
      return response;
    }
  }

  /** One request and its redirects; retries dropped connections within {@code attempt}'s budget. */
  private Response follow(ImageReference ref, URI start, List<String> accept, String auth, Credential credential,
      String target, int attempt) {
    URI registryOrigin = origin(ref.baseUri());
    URI uri = start;
    for (int redirects = 0; ; redirects++) {
      boolean sameOrigin = origin(uri).equals(registryOrigin);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(options.requestTimeout())
          .header("User-Agent", USER_AGENT);
      if (!accept.isEmpty()) {
        request.header("Accept", String.join(", ", accept));
      }
      if (auth != null && sameOrigin) {
        request.header("Authorization", auth);
      }
      HttpResponse<InputStream> response = send(ref, request.build(), target, attempt);
      int status = response.statusCode();
      if (isRedirect(status)) {
        String location = response.headers().firstValue("Location").orElse(null);
        close(response.body());
        if (location == null) {
          throw new ImageException("Registry " + ref.registry() + " answered " + status + " without a Location for "
              + target + " of " + ref);
        }
        if (redirects >= options.maxRedirects()) {
          throw new ImageException("Registry " + ref.registry() + " redirected more than " + options.maxRedirects()
              + " times for " + target + " of " + ref + " (last to " + location + ")");
        }
        uri = uri.resolve(location);
        requireAllowedScheme(uri, ref, target);
        continue;
      }
      return new Response(status, response.headers(), response.body(), uri, sameOrigin ? credential : null,
          sameOrigin);
    }
  }

  private HttpResponse<InputStream> send(ImageReference ref, HttpRequest request, String target, int attempt) {
    for (int tries = attempt; ; tries++) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpConnectTimeoutException e) {
        throw new ImageException("Cannot reach registry " + host(request.uri()) + " for " + ref
            + ": no connection within " + seconds(options.connectTimeout()) + " (" + request.uri() + ")", e);
      } catch (HttpTimeoutException e) {
        throw new ImageException("Registry " + host(request.uri()) + " did not answer within "
            + seconds(options.requestTimeout()) + " for " + target + " of " + ref + " (" + request.uri() + ")", e);
      } catch (ConnectException e) {
        throw new ImageException("Cannot reach registry " + host(request.uri()) + " for " + ref + ": "
            + (e.getMessage() == null || e.getMessage().isBlank() ? "connection refused"
                : e.getMessage().toLowerCase(Locale.ROOT))
            + " (" + request.uri() + ")", e);
      } catch (IOException e) {
        if (unresolved(e)) {
          throw new ImageException("Cannot reach registry " + host(request.uri()) + " for " + ref
              + ": unknown host (" + request.uri() + ")", e);
        }
        if (tries >= options.maxAttempts()) {
          throw new ImageException("Registry " + host(request.uri()) + " dropped the connection for " + target
              + " of " + ref + " " + tries + " times (" + e.getMessage() + ")", e);
        }
        sleep(backoff(tries, null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImageException("Interrupted while fetching " + target + " of " + ref, e);
      }
    }
  }

  /** The Authorization header answering the challenges, or null when there is nothing to answer with. */
  private CachedAuth authorize(ImageReference ref, List<AuthChallenge> challenges, String target, String detail) {
    for (AuthChallenge c : challenges) {
      if (c.isBearer() && c.param("realm") != null) {
        return fetchToken(ref, c);
      }
    }
    for (AuthChallenge c : challenges) {
      if (c.isBasic()) {
        Optional<Credential> credential = credentialFor(ref);
        if (credential.isEmpty() || credential.get().hasIdentityToken()) {
          return null;
        }
        return new CachedAuth(credential.get().basicHeader(), Instant.MAX);
      }
    }
    if (challenges.isEmpty()) {
      throw new ImageException("Unauthorized: registry " + ref.registry() + " answered 401 for " + target + " of "
          + ref + " without a WWW-Authenticate challenge (" + detail + ")");
    }
    throw new ImageException("Unauthorized: registry " + ref.registry() + " asks for an authentication scheme"
        + " PodArmor does not support (" + challenges.get(0).scheme + ") for " + ref);
  }

  /** The bearer-token flow: GET the realm (or POST a refresh token), with basic credentials when there are some. */
  private CachedAuth fetchToken(ImageReference ref, AuthChallenge challenge) {
    URI realm;
    try {
      realm = URI.create(challenge.param("realm"));
    } catch (IllegalArgumentException e) {
      throw new ImageException("Registry " + ref.registry() + " names an invalid token realm '"
          + challenge.param("realm") + "' for " + ref);
    }
    requireAllowedScheme(realm, ref, "the token");
    String service = challenge.param("service");
    String scope = challenge.param("scope") != null ? challenge.param("scope")
        : "repository:" + ref.repository() + ":pull";
    Optional<Credential> credential = credentialFor(ref);
    HttpRequest.Builder request;
    if (credential.isPresent() && credential.get().hasIdentityToken()) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=podarmor&refresh_token=")
          .append(encode(credential.get().identityToken())).append("&scope=").append(encode(scope));
      if (service != null) {
        form.append("&service=").append(encode(service));
      }
      request = HttpRequest.newBuilder(realm)
          .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
          .header("Content-Type", "application/x-www-form-urlencoded");
    } else {
      StringBuilder query = new StringBuilder();
      if (service != null) {
        query.append("service=").append(encode(service)).append('&');
      }
      query.append("scope=").append(encode(scope));
      String base = realm.toString();
      request = HttpRequest.newBuilder(URI.create(base + (base.contains("?") ? "&" : "?") + query)).GET();
      credential.ifPresent(c -> request.header("Authorization", c.basicHeader()));
    }
    request.timeout(options.requestTimeout()).header("User-Agent", USER_AGENT);
    HttpRequest built = request.build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> response = send(ref, built, "a token", attempt);
      Response r = new Response(response.statusCode(), response.headers(), response.body(), built.uri(),
          credential.orElse(null), false);
      if (retryable(r.status) && attempt < options.maxAttempts()) {
        Duration wait = backoff(attempt, r.header("Retry-After").orElse(null));
        r.close();
        sleep(wait);
        continue;
      }
      if (r.status == 401 || r.status == 403) {
        String detail = errorDetail(r);
        throw new ImageException("Unauthorized: the token service " + host(realm) + " of registry "
            + ref.registry() + " refused " + who(credential.orElse(null)) + " access to " + ref + " (" + detail + ")"
            + hint(ref, credential.orElse(null)));
      }
      if (!r.ok()) {
        throw new ImageException("The token service " + host(realm) + " of registry " + ref.registry()
            + " answered " + statusText(r.status) + " for " + ref + " (" + errorDetail(r) + ")");
      }
      byte[] body = r.bytes(MAX_TOKEN_BODY, "the token from " + host(realm));
      JsonNode json;
      try {
        json = Json.tree(body);
      } catch (IOException e) {
        throw new ImageException("The token service " + host(realm) + " of registry " + ref.registry()
            + " answered no JSON for " + ref);
      }
      String token = json == null ? "" : json.path("token").asText("");
      if (token.isEmpty()) {
        token = json == null ? "" : json.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw new ImageException("The token service " + host(realm) + " of registry " + ref.registry()
            + " answered without a token for " + ref);
      }
      long expiresIn = Math.max(json.path("expires_in").asLong(60), MIN_TOKEN_LIFETIME.toSeconds());
      return new CachedAuth("Bearer " + token, Instant.now().plusSeconds(expiresIn - 10));
    }
  }

  Optional<Credential> credentialFor(ImageReference ref) {
    return credentialCache.computeIfAbsent(ref.credentialKey(), credentials::find);
  }

  /** The error for a response that is not what the caller wanted; closes it. */
  ImageException fail(Response response, ImageReference ref, String target) {
    String detail = errorDetail(response);
    String where = response.fromRegistry ? "registry " + ref.registry() : "blob storage " + host(response.uri)
        + " (redirected from registry " + ref.registry() + ")";
    switch (response.status) {
      case 401:
        if (!response.fromRegistry) {
          return new ImageException("Unauthorized: " + where + " refused " + target + " of " + ref + " (" + detail
              + ")");
        }
        return unauthorized(ref, response.credential, detail);
      case 403:
        return new ImageException("Access denied: " + where + " does not let " + who(response.credential)
            + " pull " + ref + " (" + detail + ")" + hint(ref, response.credential));
      case 404:
        return new ImageException("Not found: " + ref + ": " + where + " has no " + target + " in repository "
            + ref.repository() + " (" + detail + ")");
      default:
        if (retryable(response.status)) {
          return new ImageException(capitalize(where) + " answered " + statusText(response.status) + " for "
              + target + " of " + ref + " " + options.maxAttempts() + " times (" + detail + ")");
        }
        return new ImageException(capitalize(where) + " answered " + statusText(response.status) + " for "
            + target + " of " + ref + " (" + detail + ")");
    }
  }

  private ImageException unauthorized(ImageReference ref, Credential credential, String detail) {
    return new ImageException("Unauthorized: registry " + ref.registry() + " refused " + who(credential)
        + " access to " + ref + " (" + detail + ")" + hint(ref, credential));
  }

  private String hint(ImageReference ref, Credential credential) {
    if (credential == null) {
      return "; no credentials for " + ref.registry() + " in " + credentials.configFile() + " (docker login "
          + ref.registry() + ")";
    }
    return "";
  }

  private static String who(Credential credential) {
    return credential == null ? "anonymous" : credential.describe();
  }

  /** {@code 404 Not Found: MANIFEST_UNKNOWN: manifest unknown}; closes the response. */
  static String errorDetail(Response response) {
    String text;
    try (InputStream in = response.body) {
      text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      text = "";
    }
    StringBuilder out = new StringBuilder(statusText(response.status));
    if (!text.isEmpty()) {
      try {
        JsonNode json = Json.tree(text.getBytes(StandardCharsets.UTF_8));
        JsonNode errors = json == null ? null : json.get("errors");
        if (errors != null && errors.isArray() && errors.size() > 0) {
          for (JsonNode e : errors) {
            out.append(": ").append(e.path("code").asText("")).append(": ").append(e.path("message").asText(""));
          }
          return out.toString();
        }
      } catch (IOException | UncheckedIOException e) {
        // not JSON: use the text
      }
      String line = text.lines().findFirst().orElse("");
      out.append(": ").append(line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
    return out.toString();
  }

  static String statusText(int status) {
    switch (status) {
      case 400: return "400 Bad Request";
      case 401: return "401 Unauthorized";
      case 403: return "403 Forbidden";
      case 404: return "404 Not Found";
      case 405: return "405 Method Not Allowed";
      case 406: return "406 Not Acceptable";
      case 429: return "429 Too Many Requests";
      case 500: return "500 Internal Server Error";
      case 501: return "501 Not Implemented";
      case 502: return "502 Bad Gateway";
      case 503: return "503 Service Unavailable";
      case 504: return "504 Gateway Timeout";
      default: return Integer.toString(status);
    }
  }

  static boolean retryable(int status) {
    return status == 429 || (status >= 500 && status < 600 && status != 501 && status != 505);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Exponential from the initial backoff, capped; a {@code Retry-After} (seconds or HTTP date) wins, capped too. */
  private Duration backoff(int attempt, String retryAfter) {
    Duration max = options.maxBackoff();
    if (retryAfter != null) {
      Duration asked = parseRetryAfter(retryAfter.trim());
      if (asked != null) {
        return asked.compareTo(max) > 0 ? max : asked;
      }
    }
    long base = options.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
    long jitter = options.initialBackoff().toMillis() <= 0 ? 0
        : ThreadLocalRandom.current().nextLong(options.initialBackoff().toMillis() / 2 + 1);
    return Duration.ofMillis(Math.min(base + jitter, max.toMillis()));
  }

  private static Duration parseRetryAfter(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(Instant.now(),
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("Interrupted while waiting to retry a registry request", e);
    }
  }

  /** Plain http only to loopback hosts, as docker does; everything else must be https. */
  private static void requireAllowedScheme(URI uri, ImageReference ref, String target) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && uri.getHost() != null && ImageReference.isLoopbackHost(uri.getHost())) {
      return;
    }
    throw new ImageException("Registry " + ref.registry() + " sent PodArmor to " + uri + " for " + target + " of "
        + ref + ": only https is allowed there (plain http only for localhost, 127.0.0.1 and ::1)");
  }

  private static URI origin(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
        + ":" + port);
  }

  private static String host(URI uri) {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
