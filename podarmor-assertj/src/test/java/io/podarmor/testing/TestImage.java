package io.podarmor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import io.podarmor.internal.docker.Docker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A test image made from {@link Layer}s and a config, written as an OCI layout, as a {@code docker save} archive,
 * or loaded into the engine. Nothing is pulled.
 *
 * <pre>{@code
 * TestImage image = TestImage.named("podarmor-test/suid:1")
 *     .user("65532:65532")
 *     .layer(Layer.create().file("/usr/bin/passwd", "x", 04755));
 * ContainerImage fromLayout = ContainerImage.fromOciLayout(image.writeOciLayout(tmp.resolve("layout")));
 * ContainerImage fromEngine = ContainerImage.fromDaemon(image.loadIntoDocker());
 * }</pre>
 */
public final class TestImage {
  /** How layers are compressed in OCI layouts. */
  public enum Compression {
    NONE("application/vnd.oci.image.layer.v1.tar"),
    GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
    ZSTD("application/vnd.oci.image.layer.v1.tar+zstd");

    final String mediaType;

    Compression(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String reference;
  private final List<Layer> layers = new ArrayList<>();
  private final List<String[]> history = new ArrayList<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<String> env = new ArrayList<>();
  private String user;
  private List<String> entrypoint;
  private List<String> cmd;
  private List<String> healthcheck;
  private List<String> shell;
  private String workingDir;
  private String architecture = "amd64";
  private String os = "linux";
  private String variant;
  private boolean noHistory;
  private String created = "2026-11-01T00:00:00Z";
  private Compression compression = Compression.GZIP;
  private byte[][] tarCache;

  private TestImage(String reference) {
    this.reference = reference;
  }

  /** A new image with this tag (used when loading into the engine and as the OCI ref name). */
  public static TestImage named(String reference) {
    return new TestImage(reference);
  }

  public String reference() {
    return reference;
  }

  public TestImage layer(Layer layer) {
    layers.add(layer);
    tarCache = null;
    return this;
  }

  public TestImage user(String user) {
    this.user = user;
    return this;
  }

  public TestImage entrypoint(String... entrypoint) {
    this.entrypoint = List.of(entrypoint);
    return this;
  }

  public TestImage cmd(String... cmd) {
    this.cmd = List.of(cmd);
    return this;
  }

  /** The HEALTHCHECK test as the config stores it, e.g. {@code "CMD", "/healthy"} or {@code "NONE"}. */
  public TestImage healthcheck(String... test) {
    this.healthcheck = List.of(test);
    return this;
  }

  /** The config's {@code Shell}, as a {@code SHELL} instruction sets it. */
  public TestImage shell(String... shell) {
    this.shell = List.of(shell);
    return this;
  }

  /** The config's {@code WorkingDir}. */
  public TestImage workingDir(String workingDir) {
    this.workingDir = workingDir;
    return this;
  }

  public TestImage label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  public TestImage env(String nameEqualsValue) {
    env.add(nameEqualsValue);
    return this;
  }

  /** Adds a history step exactly as a builder writes {@code created_by}. */
  public TestImage history(String createdBy, boolean emptyLayer) {
    history.add(new String[] {createdBy, Boolean.toString(emptyLayer)});
    return this;
  }

  /** The config's {@code created} time as written (RFC 3339), or {@code null} to leave it out. */
  public TestImage created(String created) {
    this.created = created;
    return this;
  }

  /** Leaves the {@code history} array out of the config, as squashing tools do. */
  public TestImage withoutHistory() {
    this.noHistory = true;
    return this;
  }

  public TestImage platform(String os, String architecture) {
    this.os = os;
    this.architecture = architecture;
    this.variant = null;
    return this;
  }

  /** A platform with a variant, e.g. {@code platform("linux", "arm", "v7")}: the config's {@code variant}. */
  public TestImage platform(String os, String architecture, String variant) {
    platform(os, architecture);
    this.variant = variant;
    return this;
  }

  public TestImage compression(Compression compression) {
    this.compression = compression;
    return this;
  }

  /** The uncompressed tar of each layer. */
  public List<byte[]> layerTars() {
    if (tarCache == null) {
      tarCache = new byte[layers.size()][];
      for (int i = 0; i < layers.size(); i++) {
        tarCache[i] = layers.get(i).toTar();
      }
    }
    return List.of(tarCache);
  }

  /** The config JSON. */
  public byte[] configJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("architecture", architecture);
    root.put("os", os);
    if (created != null) {
      root.put("created", created);
    }
    if (variant != null) {
      root.put("variant", variant);
    }
    ObjectNode config = root.putObject("config");
    if (user != null) {
      config.put("User", user);
    }
    ArrayNode envNode = config.putArray("Env");
    envNode.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.forEach(envNode::add);
    if (entrypoint != null) {
      entrypoint.forEach(config.putArray("Entrypoint")::add);
    }
    if (cmd != null) {
      cmd.forEach(config.putArray("Cmd")::add);
    }
    if (shell != null) {
      shell.forEach(config.putArray("Shell")::add);
    }
    if (workingDir != null) {
      config.put("WorkingDir", workingDir);
    }
    if (!labels.isEmpty()) {
      ObjectNode l = config.putObject("Labels");
      labels.forEach(l::put);
    }
    if (healthcheck != null) {
      ObjectNode hc = config.putObject("Healthcheck");
      healthcheck.forEach(hc.putArray("Test")::add);
      hc.put("Interval", 1_000_000_000L);
      hc.put("Timeout", 2_000_000_000L);
      hc.put("Retries", 2);
    }
    ObjectNode rootfs = root.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    for (byte[] tar : layerTars()) {
      diffIds.add(sha256(tar));
    }
    if (!noHistory) {
      ArrayNode h = root.putArray("history");
      if (history.isEmpty()) {
        for (int i = 0; i < layers.size(); i++) {
          h.addObject().put("created", "2026-11-01T00:00:00Z").put("created_by", "podarmor fixture layer " + (i + 1));
        }
      } else {
        for (String[] step : history) {
          ObjectNode s = h.addObject().put("created", "2026-11-01T00:00:00Z").put("created_by", step[0]);
          if (Boolean.parseBoolean(step[1])) {
            s.put("empty_layer", true);
          }
        }
      }
    }
    return bytes(root);
  }

  /** The image ID the engine will give this image: the config digest. */
  public String id() {
    return sha256(configJson());
  }

  /** Writes an OCI image layout directory and returns it; see {@link #compression(Compression)}. */
  public Path writeOciLayout(Path dir) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
      byte[] config = configJson();
      String configDigest = writeBlob(blobs, config);
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
      descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", configDigest,
          config.length);
      ArrayNode layerNodes = manifest.putArray("layers");
      for (byte[] tar : layerTars()) {
        byte[] blob = compress(tar, compression);
        descriptor(layerNodes.addObject(), compression.mediaType, writeBlob(blobs, blob), blob.length);
      }
      byte[] manifestBytes = bytes(manifest);
      String manifestDigest = writeBlob(blobs, manifestBytes);
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", "application/vnd.oci.image.index.v1+json");
      ObjectNode m = index.putArray("manifests").addObject();
      descriptor(m, "application/vnd.oci.image.manifest.v1+json", manifestDigest, manifestBytes.length);
      m.putObject("platform").put("architecture", architecture).put("os", os);
      m.putObject("annotations").put("org.opencontainers.image.ref.name", tagOf(reference));
      Files.write(dir.resolve("index.json"), bytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The digest of the manifest {@link #writeOciLayout} writes. */
  public static String manifestDigestOf(Path layout) {
    try {
      var index = JSON.readTree(layout.resolve("index.json").toFile());
      return index.get("manifests").get(0).get("digest").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a {@code docker save} archive in the legacy layout Docker 20.10 writes and returns it. */
  public Path writeDockerArchive(Path tarFile) {
    try (OutputStream out = Files.newOutputStream(tarFile)) {
      writeDockerArchive(out);
      return tarFile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeDockerArchive(OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    byte[] config = configJson();
    String configName = hex(sha256(config)) + ".json";
    List<String> layerPaths = new ArrayList<>();
    for (byte[] layerTar : layerTars()) {
      String dir = hex(sha256(layerTar));
      if (!layerPaths.contains(dir + "/layer.tar")) {
        put(tar, dir + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
        put(tar, dir + "/json", ("{\"id\":\"" + dir + "\"}").getBytes(StandardCharsets.UTF_8));
        put(tar, dir + "/layer.tar", layerTar);
      }
      layerPaths.add(dir + "/layer.tar");
    }
    put(tar, configName, config);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("Config", configName);
    entry.putArray("RepoTags").add(reference);
    layerPaths.forEach(entry.putArray("Layers")::add);
    ArrayNode manifest = JSON.createArrayNode().add(entry);
    put(tar, "manifest.json", bytes(manifest));
    tar.finish();
    tar.flush();
  }

  /** Loads the image into the engine (like {@code docker load}) under {@link #reference()} and returns it. */
  public String loadIntoDocker() {
    try {
      ByteArrayOutputStream archive = new ByteArrayOutputStream();
      writeDockerArchive(archive);
      try (InputStream in = new java.io.ByteArrayInputStream(archive.toByteArray())) {
        Docker.client().loadImageCmd(in).exec();
      }
      try {
        Docker.client().inspectImageCmd(reference).exec();
      } catch (RuntimeException e) {
        throw new IllegalStateException("The engine did not load " + reference
            + " (docker load reports errors only in its output: try `docker load -i` on writeDockerArchive())", e);
      }
      return reference;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the image from the engine, if there. */
  public void removeFromDocker() {
    try {
      Docker.client().removeImageCmd(reference).withForce(true).exec();
    } catch (RuntimeException ignored) {
      // not there
    }
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(0644);
    e.setModTime(0);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void descriptor(ObjectNode node, String mediaType, String digest, long size) {
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", size);
  }

  private static String writeBlob(Path blobs, byte[] content) throws IOException {
    String digest = sha256(content);
    Files.write(blobs.resolve(hex(digest)), content);
    return digest;
  }

  /** Compresses a layer tar. */
  public static byte[] compress(byte[] tar, Compression compression) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (compression) {
        case GZIP:
          try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar);
          }
          return out.toByteArray();
        case ZSTD:
          try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            z.write(tar);
          }
          return out.toByteArray();
        default:
          return tar;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tagOf(String reference) {
    int colon = reference.lastIndexOf(':');
    return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "latest";
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code sha256:<hex>} of the bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hex part of a digest. */
  public static String hex(String digest) {
    return digest.substring("sha256:".length());
  }
}
