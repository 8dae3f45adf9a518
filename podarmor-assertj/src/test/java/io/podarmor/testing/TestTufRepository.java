package io.podarmor.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TUF repository (specification 1.0 metadata, consistent snapshots) minted in the tests and served over HTTP on
 * 127.0.0.1, as Sigstore distributes its trust root: the targets are {@value #TRUSTED_ROOT} (the bytes the caller
 * gives) and a minimal {@value #SIGNING_CONFIG}. Every role has ECDSA P-256 keys made here ({@code keytype}
 * {@code ecdsa}, scheme {@code ecdsa-sha2-nistp256}, PEM public keys, key ids the SHA-256 of the key's canonical
 * JSON); root needs 2 of its 2 keys, targets, snapshot and timestamp 1 of 1. Metadata is signed over its canonical
 * JSON and lives for a day unless told otherwise.
 *
 * <p>Files served under the mirror URI: {@code N.root.json} for every root version (and {@code root.json}, the
 * latest), {@code timestamp.json}, {@code N.snapshot.json}, {@code N.targets.json} (and the unversioned latest
 * {@code snapshot.json}, {@code targets.json}), and every target as {@code targets/<sha256>.<name>} and
 * {@code targets/<name>}. Anything else answers 404.
 *
 * <p>The mutations publish a new repository state as a real one does, bumping the versions they touch; the others
 * serve what an attacker or a broken repository would.
 *
 * <pre>{@code
 * byte[] trustedRoot = Files.readAllBytes(TestSigstore.create("tuf").writeTrustedRoot(tmp.resolve("tr.json")));
 * try (TestTufRepository tuf = TestTufRepository.create(trustedRoot)) {
 *   URI mirror = tuf.start();
 *   Path root = tuf.initialRoot(tmp.resolve("root.json"));
 *   // a client bootstraps from root and updates from mirror
 *   tuf.rotateRoot();
 * }
 * }</pre>
 */
public final class TestTufRepository implements AutoCloseable {
  /** The target Sigstore clients read their trust root from. */
  public static final String TRUSTED_ROOT = "trusted_root.json";
  /** The target Sigstore clients read their signing configuration from. */
  public static final String SIGNING_CONFIG = "signing_config.v0.2.json";
  /** The signing configuration served: no services, any transparency log and timestamp authority. */
  public static final String MINIMAL_SIGNING_CONFIG = "{\n"
      + "  \"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\",\n"
      + "  \"caUrls\": [],\n"
      + "  \"oidcUrls\": [],\n"
      + "  \"rekorTlogUrls\": [],\n"
      + "  \"rekorTlogConfig\": {\"selector\": \"ANY\"},\n"
      + "  \"tsaUrls\": [],\n"
      + "  \"tsaConfig\": {\"selector\": \"ANY\"}\n"
      + "}\n";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROOT_KEYS = 2;
  private static final int ROOT_THRESHOLD = 2;

  private final Duration validity;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> targets = new LinkedHashMap<>();
  private final Map<Integer, byte[]> timestamps = new HashMap<>();
  private final KeyPair targetsKey = TestSigstore.ecKey();
  private final KeyPair snapshotKey = TestSigstore.ecKey();
  private KeyPair timestampKey = TestSigstore.ecKey();
  private List<KeyPair> rootKeys = ecKeys(ROOT_KEYS);
  private final byte[] initialRoot;
  private int rootVersion;
  private int targetsVersion;
  private int snapshotVersion;
  private int timestampVersion;
  private HttpServer server;
  private int port;

  private TestTufRepository(byte[] trustedRootJson, Duration validity) {
    this.validity = validity;
    targets.put(TRUSTED_ROOT, trustedRootJson.clone());
    targets.put(SIGNING_CONFIG, MINIMAL_SIGNING_CONFIG.getBytes(StandardCharsets.UTF_8));
    initialRoot = publishRoot(rootKeys);
    publishTargets();
  }

  /** Root, targets, snapshot and timestamp at version 1, valid for a day; not served until {@link #start()}. */
  public static TestTufRepository create(byte[] trustedRootJson) {
    return create(trustedRootJson, Duration.ofDays(1));
  }

  /** As {@link #create(byte[])}, every piece of metadata signed from now on expiring {@code validity} after. */
  public static TestTufRepository create(byte[] trustedRootJson, Duration validity) {
    return new TestTufRepository(trustedRootJson, validity);
  }

  /**
   * Serves the repository on a free port of 127.0.0.1 (after {@link #stop()}, on the port it had); returns
   * {@link #mirror()}. Does nothing when it serves already.
   */
  public synchronized URI start() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot serve the TUF repository on 127.0.0.1:" + port, e);
      }
      server.createContext("/", this::handle);
      server.start();
      port = server.getAddress().getPort();
    }
    return mirror();
  }

  /** {@code http://127.0.0.1:<port>/}, the URI TUF clients take as the repository mirror. */
  public synchronized URI mirror() {
    if (port == 0) {
      throw new IllegalStateException("The TUF repository was never started");
    }
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Stops serving (a client's fetches are then refused); {@link #start()} serves it again on the same port. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Stops serving. */
  @Override
  public void close() {
    stop();
  }

  /** Writes the version 1 root (the {@code 1.root.json} served), the trusted root a client bootstraps from. */
  public Path initialRoot(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.write(file, initialRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version of the latest root published. */
  public synchronized int rootVersion() {
    return rootVersion;
  }

  /** The version of the latest timestamp published. */
  public synchronized int timestampVersion() {
    return timestampVersion;
  }

  /** How many HTTP requests the repository answered, 404s included. */
  public int requestCount() {
    return requests.size();
  }

  /** The paths requested so far, in order ({@code /timestamp.json}, {@code /targets/<sha256>.<name>}, ...). */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Publishes {@code json} as {@value #TRUSTED_ROOT}: new targets, snapshot and timestamp versions. */
  public synchronized void publishTrustedRoot(byte[] json) {
    targets.put(TRUSTED_ROOT, json.clone());
    publishTargets();
  }

  /**
   * Rotates the root keys and the timestamp key: publishes root version N+1 naming two fresh root keys and a fresh
   * timestamp key, signed by the old and the new root keys, and a new timestamp signed by the new timestamp key. A
   * client reads the timestamp only once it follows the new root.
   */
  public synchronized void rotateRoot() {
    List<KeyPair> newRootKeys = ecKeys(ROOT_KEYS);
    List<KeyPair> signers = new ArrayList<>(rootKeys);
    signers.addAll(newRootKeys);
    rootKeys = newRootKeys;
    timestampKey = TestSigstore.ecKey();
    publishRoot(signers);
    publishTimestamp(expiry());
  }

  /** Publishes a new timestamp version that expired an hour ago. */
  public synchronized void expireTimestamp() {
    publishTimestamp(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Serves the timestamp published before the latest (validly signed, not expired): a rollback for a client that
   * trusts the latest. Needs two timestamps published (e.g. after {@link #publishTrustedRoot}).
   */
  public synchronized void rollBackTimestamp() {
    if (timestampVersion < 2) {
      throw new IllegalStateException("No older timestamp to roll back to: publish a new state first");
    }
    files.put("timestamp.json", timestamps.get(timestampVersion - 1));
  }

  /**
   * Publishes new targets, snapshot and timestamp versions naming a new {@value #TRUSTED_ROOT} (the current one with
   * a trailing newline) but serves other bytes of the same length for it (a trailing space instead), so a client's
   * download fails its hash check whether it cached the previous trust root or not.
   */
  public synchronized void tamperTarget() {
    byte[] current = targets.get(TRUSTED_ROOT);
    byte[] listed = concat(current, (byte) '\n');
    publishTrustedRoot(listed);
    byte[] served = concat(current, (byte) ' ');
    files.put("targets/" + hex(TestSigstore.sha256(listed)) + "." + TRUSTED_ROOT, served);
    files.put("targets/" + TRUSTED_ROOT, served);
  }

  /**
   * Publishes root version N+1, with the same keys, signed by only one of the 2 root keys the trusted root requires.
   * The repository cannot recover from it: clients stop at the previous root version.
   */
  public synchronized void rootWithWrongThreshold() {
    publishRoot(List.of(rootKeys.get(0)));
  }

  private byte[] publishRoot(List<KeyPair> signers) {
    rootVersion++;
    ObjectNode signed = JSON.createObjectNode();
    signed.put("_type", "root");
    signed.put("spec_version", "1.0");
    signed.put("version", rootVersion);
    signed.put("expires", expiry().toString());
    signed.put("consistent_snapshot", true);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    role(keys, roles, "root", rootKeys, ROOT_THRESHOLD);
    role(keys, roles, "snapshot", List.of(snapshotKey), 1);
    role(keys, roles, "targets", List.of(targetsKey), 1);
    role(keys, roles, "timestamp", List.of(timestampKey), 1);
    byte[] bytes = sign(signed, signers);
    files.put(rootVersion + ".root.json", bytes);
    files.put("root.json", bytes);
    return bytes;
  }

  private static void role(ObjectNode keys, ObjectNode roles, String name, List<KeyPair> roleKeys, int threshold) {
    ObjectNode role = roles.putObject(name);
    ArrayNode keyids = role.putArray("keyids");
    for (KeyPair key : roleKeys) {
      keyids.add(keyId(key));
      keys.set(keyId(key), keyJson(key));
    }
    role.put("threshold", threshold);
  }

  private void publishTargets() {
    targetsVersion++;
    ObjectNode signed = meta("targets", targetsVersion, expiry());
    ObjectNode list = signed.putObject("targets");
    for (Map.Entry<String, byte[]> target : targets.entrySet()) {
      String sha256 = hex(TestSigstore.sha256(target.getValue()));
      ObjectNode entry = list.putObject(target.getKey());
      entry.put("length", target.getValue().length);
      entry.putObject("hashes").put("sha256", sha256);
      files.put("targets/" + sha256 + "." + target.getKey(), target.getValue());
      files.put("targets/" + target.getKey(), target.getValue());
    }
    byte[] bytes = sign(signed, List.of(targetsKey));
    files.put(targetsVersion + ".targets.json", bytes);
    files.put("targets.json", bytes);
    publishSnapshot(bytes);
  }

  private void publishSnapshot(byte[] targetsJson) {
    snapshotVersion++;
    ObjectNode signed = meta("snapshot", snapshotVersion, expiry());
    fileMeta(signed.putObject("meta").putObject("targets.json"), targetsVersion, targetsJson);
    byte[] bytes = sign(signed, List.of(snapshotKey));
    files.put(snapshotVersion + ".snapshot.json", bytes);
    files.put("snapshot.json", bytes);
    publishTimestamp(expiry());
  }

  private void publishTimestamp(Instant expires) {
    timestampVersion++;
    ObjectNode signed = meta("timestamp", timestampVersion, expires);
    fileMeta(signed.putObject("meta").putObject("snapshot.json"), snapshotVersion,
        files.get(snapshotVersion + ".snapshot.json"));
    byte[] bytes = sign(signed, List.of(timestampKey));
    timestamps.put(timestampVersion, bytes);
    files.put("timestamp.json", bytes);
  }

  private static ObjectNode meta(String type, int version, Instant expires) {
    ObjectNode signed = JSON.createObjectNode();
    signed.put("_type", type);
    signed.put("spec_version", "1.0");
    signed.put("version", version);
    signed.put("expires", expires.toString());
    return signed;
  }

  private static void fileMeta(ObjectNode node, int version, byte[] content) {
    node.put("version", version);
    node.put("length", content.length);
    node.putObject("hashes").put("sha256", hex(TestSigstore.sha256(content)));
  }

  private Instant expiry() {
    return Instant.now().plus(validity).truncatedTo(ChronoUnit.SECONDS);
  }

  /** The metadata file: {@code signed} and each signer's signature over its canonical JSON. */
  private static byte[] sign(ObjectNode signed, List<KeyPair> signers) {
    byte[] canonical = canonical(signed);
    ObjectNode file = JSON.createObjectNode();
    ArrayNode signatures = file.putArray("signatures");
    for (KeyPair key : signers) {
      try {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key.getPrivate());
        signature.update(canonical);
        signatures.addObject().put("keyid", keyId(key)).put("sig", hex(signature.sign()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    file.set("signed", signed);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode keyJson(KeyPair key) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
    node.put("keytype", "ecdsa");
    node.putObject("keyval").put("public", pem(key));
    node.put("scheme", "ecdsa-sha2-nistp256");
    return node;
  }

  private static String keyId(KeyPair key) {
    return hex(TestSigstore.sha256(canonical(keyJson(key))));
  }

  private static String pem(KeyPair key) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * TUF's canonical JSON (as securesystemslib writes it): members sorted by name, no whitespace, strings escaping
   * only {@code "} and {@code \}; integers only.
   */
  static byte[] canonical(JsonNode node) {
    StringBuilder out = new StringBuilder();
    canonical(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void canonical(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> members = new TreeMap<>();
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        members.put(member.getKey(), member.getValue());
      }
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonNode> member : members.entrySet()) {
        out.append(separator);
        string(member.getKey(), out);
        out.append(':');
        canonical(member.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      String separator = "";
      for (JsonNode element : node) {
        out.append(separator);
        canonical(element, out);
        separator = ",";
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
      out.append(node.asText());
    } else {
      throw new IllegalArgumentException("No canonical JSON for " + node.getNodeType());
    }
  }

  private static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.add(path);
      byte[] body = "GET".equals(exchange.getRequestMethod()) && path.startsWith("/")
          ? files.get(path.substring(1)) : null;
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type",
          path.endsWith(".json") ? "application/json" : "application/octet-stream");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static List<KeyPair> ecKeys(int count) {
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(TestSigstore.ecKey());
    }
    return List.copyOf(keys);
  }

  private static byte[] concat(byte[] bytes, byte last) {
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = last;
    return out;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
