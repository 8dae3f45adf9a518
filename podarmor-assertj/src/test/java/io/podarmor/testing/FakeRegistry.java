package io.podarmor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small registry in the test JVM on {@code 127.0.0.1} (random port), implementing just enough of the
 * distribution API to test clients: manifests, blobs, tag lists with pagination, the OCI 1.1 referrers API (off by
 * default, like docker-registry 2.8), basic auth or the bearer-token flow with a token endpoint, scripted failures
 * (429 and 5xx with {@code Retry-After}, hangs), blob redirects to a second "storage" server, and any bytes under
 * any digest. Every request is recorded.
 *
 * <pre>{@code
 * try (FakeRegistry registry = FakeRegistry.start().requireBearer("alice", "s3cret")) {
 *   registry.put("podarmor-test-reg/app", "1", TestManifest.of(image, GZIP, OCI));
 *   ... registry.reference("podarmor-test-reg/app:1") ...
 * }
 * }</pre>
 */
public final class FakeRegistry implements AutoCloseable, TestIndex.Target {
  /** One recorded request. */
  public static final class Request {
    public final String method;
    public final String uri;
    public final Map<String, List<String>> headers;

    Request(String method, String uri, Map<String, List<String>> headers) {
      this.method = method;
      this.uri = uri;
      this.headers = headers;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return method + " " + uri;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private HttpServer storage;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String[]>> manifests = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Request> storageRequests = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenCount = new AtomicInteger();
  private volatile String basicUser;
  private volatile String basicPassword;
  private volatile boolean bearer;
  private volatile String tokenUser;
  private volatile String tokenPassword;
  private volatile String refreshToken;
  private volatile boolean referrersApi;
  private volatile boolean redirectBlobs;
  private volatile String redirectBlobsTo;
  private volatile String hangPath;
  private volatile int tagPageSize = 1000;

  private static final class Failure {
    final String pathContains;
    final int status;
    final String retryAfter;
    final AtomicInteger remaining;

    Failure(String pathContains, int status, int times, String retryAfter) {
      this.pathContains = pathContains;
      this.status = status;
      this.retryAfter = retryAfter;
      this.remaining = new AtomicInteger(times);
    }
  }

  private FakeRegistry() throws IOException {
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "podarmor-fake-registry");
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a registry on a free port of 127.0.0.1. */
  public static FakeRegistry start() {
    try {
      return new FakeRegistry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:<port>/<repositoryAndTag>}. */
  public String reference(String repositoryAndTag) {
    return host() + "/" + repositoryAndTag;
  }

  // ---- content

  /** Stores the manifest's blobs and the manifest under its digest and {@code tag} (when not null). */
  public FakeRegistry put(String repository, String tag, TestManifest manifest) {
    manifest.blobs().forEach(blobs::put);
    putManifest(repository, manifest.digest(), manifest.mediaType(), manifest.bytes());
    if (tag != null) {
      putManifest(repository, tag, manifest.mediaType(), manifest.bytes());
    }
    return this;
  }

  /** Stores an index and everything it names, like {@link TestIndex#pushTo}. */
  public TestIndex.Pushed put(String repository, String tag, TestIndex index) {
    return index.pushTo(this, repository, tag);
  }

  @Override
  public String push(String repository, String tagOrDigest, TestManifest manifest) {
    manifest.blobs().forEach(blobs::put);
    putManifest(repository, tagOrDigest, manifest.mediaType(), manifest.bytes());
    return manifest.digest();
  }

  /** Serves these bytes, with this {@code Content-Type}, for the manifest {@code reference} (tag or digest). */
  public FakeRegistry putManifest(String repository, String reference, String contentType, byte[] bytes) {
    manifests.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(reference,
        new String[] {contentType, new String(bytes, StandardCharsets.ISO_8859_1)});
    return this;
  }

  /** Serves these bytes for a blob digest, whether or not they have it. */
  public FakeRegistry putBlob(String digest, byte[] bytes) {
    blobs.put(digest, bytes);
    return this;
  }

  // ---- behaviour

  /** Every request needs {@code Authorization: Basic} with these credentials. */
  public FakeRegistry requireBasic(String user, String password) {
    this.basicUser = user;
    this.basicPassword = password;
    return this;
  }

  /**
   * Every request needs a bearer token from {@code /token}, scoped to its repository; the token endpoint wants
   * these basic credentials, or none when {@code user} is null (anonymous tokens, like Docker Hub's).
   */
  public FakeRegistry requireBearer(String user, String password) {
    this.bearer = true;
    this.tokenUser = user;
    this.tokenPassword = password;
    return this;
  }

  /** Like {@link #requireBearer}, but tokens are granted only for this refresh (identity) token, by POST. */
  public FakeRegistry requireBearerWithRefreshToken(String identityToken) {
    this.bearer = true;
    this.refreshToken = identityToken;
    return this;
  }

  /** Answers 403 DENIED for this repository, whoever asks. */
  public FakeRegistry deny(String repository) {
    denied.add(repository);
    return this;
  }

  /** The next {@code times} requests whose URI contains {@code pathContains} get {@code status}. */
  public FakeRegistry failNext(String pathContains, int status, int times, String retryAfter) {
    failures.add(new Failure(pathContains, status, times, retryAfter));
    return this;
  }

  /** Requests whose URI contains this never get an answer (until the registry closes). */
  public FakeRegistry hang(String pathContains) {
    this.hangPath = pathContains;
    return this;
  }

  /** Serves {@code GET /v2/<name>/referrers/<digest>} (OCI 1.1), computed from the stored manifests' subjects. */
  public FakeRegistry referrersApi() {
    this.referrersApi = true;
    return this;
  }

  /** Blobs answer 307 to a second server on another port ("storage"), which serves them without auth. */
  public FakeRegistry redirectBlobs() {
    try {
      storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    storage.setExecutor(executor);
    storage.createContext("/", this::handleStorage);
    storage.start();
    this.redirectBlobs = true;
    return this;
  }

  /** Blobs answer 307 to {@code urlPrefix + digest}, wherever that is (to test where clients refuse to go). */
  public FakeRegistry redirectBlobsTo(String urlPrefix) {
    this.redirectBlobsTo = urlPrefix;
    return this;
  }

  /** Tag lists come in pages of this size, linked with {@code Link: <…>; rel="next"}. */
  public FakeRegistry tagPageSize(int size) {
    this.tagPageSize = size;
    return this;
  }

  public List<Request> requests() {
    return Collections.unmodifiableList(requests);
  }

  /** Requests the storage server got (see {@link #redirectBlobs()}). */
  public List<Request> storageRequests() {
    return Collections.unmodifiableList(storageRequests);
  }

  /** How many tokens the token endpoint issued. */
  public int tokensIssued() {
    return tokenCount.get();
  }

  @Override
  public void close() {
    server.stop(0);
    if (storage != null) {
      storage.stop(0);
    }
    executor.shutdownNow();
  }

  // ---- serving

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String uri = exchange.getRequestURI().toString();
      requests.add(new Request(exchange.getRequestMethod(), uri, copy(exchange)));
      if (hangPath != null && uri.contains(hangPath)) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          return;
        }
      }
      if (exchange.getRequestURI().getPath().equals("/token")) {
        token(exchange);
        return;
      }
      for (Failure f : failures) {
        if (uri.contains(f.pathContains) && f.remaining.getAndDecrement() > 0) {
          if (f.retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", f.retryAfter);
          }
          error(exchange, f.status, "UNAVAILABLE", "scripted failure");
          return;
        }
      }
      String path = exchange.getRequestURI().getPath();
      if (!path.startsWith("/v2/")) {
        send(exchange, 404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String repository = repositoryOf(path);
      if (!authorized(exchange, repository)) {
        return;
      }
      if (repository != null && denied.contains(repository)) {
        error(exchange, 403, "DENIED", "requested access to the resource is denied");
        return;
      }
      route(exchange, path, repository);
    }
  }

  private void route(HttpExchange exchange, String path, String repository) throws IOException {
    if (path.equals("/v2/")) {
      send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    } else if (path.contains("/manifests/")) {
      String reference = path.substring(path.lastIndexOf("/manifests/") + "/manifests/".length());
      String[] m = manifests.getOrDefault(repository, Map.of()).get(reference);
      if (m == null) {
        error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
        return;
      }
      byte[] bytes = m[1].getBytes(StandardCharsets.ISO_8859_1);
      exchange.getResponseHeaders().add("Docker-Content-Digest", TestImage.sha256(bytes));
      send(exchange, 200, m[0], bytes);
    } else if (path.contains("/blobs/")) {
      String digest = path.substring(path.lastIndexOf('/') + 1);
      byte[] bytes = blobs.get(digest);
      if (bytes == null) {
        error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
        return;
      }
      if (redirectBlobsTo != null) {
        exchange.getResponseHeaders().add("Location", redirectBlobsTo + digest);
        send(exchange, 307, null, new byte[0]);
        return;
      }
      if (redirectBlobs) {
        exchange.getResponseHeaders().add("Location",
            "http://127.0.0.1:" + storage.getAddress().getPort() + "/storage/" + digest + "?signature=x");
        send(exchange, 307, null, new byte[0]);
        return;
      }
      send(exchange, 200, "application/octet-stream", bytes);
    } else if (path.contains("/referrers/") && referrersApi) {
      referrers(exchange, repository, path.substring(path.lastIndexOf('/') + 1));
    } else if (path.endsWith("/tags/list")) {
      tags(exchange, repository);
    } else {
      send(exchange, 404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void handleStorage(HttpExchange exchange) throws IOException {
    try (exchange) {
      storageRequests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          copy(exchange)));
      String path = exchange.getRequestURI().getPath();
      byte[] bytes = blobs.get(path.substring(path.lastIndexOf('/') + 1));
      if (bytes == null || exchange.getRequestHeaders().containsKey("Authorization")) {
        send(exchange, bytes == null ? 404 : 400, "text/plain",
            "<Error><Code>InvalidArgument</Code></Error>".getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(exchange, 200, "application/octet-stream", bytes);
    }
  }

  private boolean authorized(HttpExchange exchange, String repository) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (basicUser != null) {
      if (auth != null && auth.equals(basic(basicUser, basicPassword))) {
        return true;
      }
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake registry\"");
      error(exchange, 401, "UNAUTHORIZED", "authentication required");
      return false;
    }
    if (bearer) {
      String scope = repository == null ? null : "repository:" + repository + ":pull";
      if (auth != null && auth.startsWith("Bearer ")) {
        String granted = tokens.get(auth.substring(7));
        if (granted != null && (scope == null || granted.equals(scope))) {
          return true;
        }
      }
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
          + "/token\",service=\"fake-registry\"" + (scope == null ? "" : ",scope=\"" + scope + "\""));
      error(exchange, 401, "UNAUTHORIZED", "authentication required");
      return false;
    }
    return true;
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
    if (exchange.getRequestMethod().equals("POST")) {
      params.putAll(query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      if (refreshToken == null || !"refresh_token".equals(params.get("grant_type"))
          || !refreshToken.equals(params.get("refresh_token"))) {
        error(exchange, 401, "UNAUTHORIZED", "invalid refresh token");
        return;
      }
    } else if (refreshToken != null) {
      error(exchange, 401, "UNAUTHORIZED", "a refresh token is required");
      return;
    } else if (tokenUser != null) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.equals(basic(tokenUser, tokenPassword))) {
        error(exchange, 401, "UNAUTHORIZED", "incorrect username or password");
        return;
      }
    }
    String token = "token-" + tokenCount.incrementAndGet();
    tokens.put(token, params.getOrDefault("scope", ""));
    String key = exchange.getRequestMethod().equals("POST") ? "access_token" : "token";
    send(exchange, 200, "application/json",
        ("{\"" + key + "\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
  }

  private void referrers(HttpExchange exchange, String repository, String subject) throws IOException {
    String artifactType = query(exchange.getRequestURI().getRawQuery()).get("artifactType");
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", TestManifest.OCI_INDEX);
    ArrayNode list = index.putArray("manifests");
    for (Map.Entry<String, String[]> e : new TreeMap<>(manifests.getOrDefault(repository, Map.<String, String[]>of())).entrySet()) {
      if (!e.getKey().startsWith("sha256:")) {
        continue;
      }
      JsonNode m = JSON.readTree(e.getValue()[1].getBytes(StandardCharsets.ISO_8859_1));
      if (!subject.equals(m.path("subject").path("digest").asText())) {
        continue;
      }
      String type = m.hasNonNull("artifactType") ? m.get("artifactType").asText()
          : m.path("config").path("mediaType").asText();
      if (artifactType != null && !artifactType.equals(type)) {
        continue;
      }
      ObjectNode d = list.addObject();
      d.put("mediaType", e.getValue()[0]);
      d.put("digest", e.getKey());
      d.put("size", e.getValue()[1].length());
      d.put("artifactType", type);
      if (m.has("annotations")) {
        d.set("annotations", m.get("annotations"));
      }
    }
    if (artifactType != null) {
      exchange.getResponseHeaders().add("OCI-Filters-Applied", "artifactType");
    }
    send(exchange, 200, TestManifest.OCI_INDEX, JSON.writeValueAsBytes(index));
  }

  private void tags(HttpExchange exchange, String repository) throws IOException {
    Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
    TreeSet<String> all = new TreeSet<>();
    for (String ref : manifests.getOrDefault(repository, Map.of()).keySet()) {
      if (!ref.startsWith("sha256:")) {
        all.add(ref);
      }
    }
    if (all.isEmpty()) {
      error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
      return;
    }
    String last = params.get("last");
    List<String> page = new ArrayList<>();
    for (String t : last == null ? all : all.tailSet(last, false)) {
      if (page.size() == tagPageSize) {
        break;
      }
      page.add(t);
    }
    if (!page.isEmpty() && all.higher(page.get(page.size() - 1)) != null) {
      exchange.getResponseHeaders().add("Link", "</v2/" + repository + "/tags/list?last=" + page.get(page.size() - 1)
          + "&n=" + tagPageSize + ">; rel=\"next\"");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", repository);
    page.forEach(body.putArray("tags")::add);
    send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
  }

  private static String repositoryOf(String path) {
    for (String marker : new String[] {"/manifests/", "/blobs/", "/referrers/", "/tags/list"}) {
      int i = path.lastIndexOf(marker);
      if (i > 4) {
        return path.substring(4, i);
      }
    }
    return null;
  }

  private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    send(exchange, status, "application/json", ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message
        + "\",\"detail\":null}]}").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Map<String, List<String>> copy(HttpExchange exchange) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    return headers;
  }
}
