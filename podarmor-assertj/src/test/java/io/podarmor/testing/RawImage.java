package io.podarmor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image from raw parts: layer tars as bytes (from {@link RawTar} or {@link Layer}) and a config as JSON text,
 * written as a {@code docker save} archive or an OCI layout exactly as given. In the config, {@code DIFF_IDS} stands
 * for the layers' diff IDs, so a config can say anything else it likes (duplicate keys, wrong types).
 *
 * <pre>{@code
 * RawImage.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"65532\",\"user\":\"0\"},"
 *     + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":DIFF_IDS}}", layerTar).writeDockerArchive(tmp.resolve("a.tar"));
 * }</pre>
 */
public final class RawImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String config;
  private final List<byte[]> layers;
  private final List<Path> layerFiles;

  private RawImage(String config, List<byte[]> layers, List<Path> layerFiles) {
    this.config = config;
    this.layers = layers;
    this.layerFiles = layerFiles;
  }

  public static RawImage of(String config, byte[]... layers) {
    return new RawImage(config, List.of(layers), List.of());
  }

  /** Layers too large to hold in memory, as uncompressed tar files (OCI layouts only). */
  public static RawImage ofFiles(String config, Path... layerTars) {
    return new RawImage(config, List.of(), List.of(layerTars));
  }

  /** A plain config for linux/amd64 with these {@code config} fields (JSON members, e.g. {@code "User":"0"}). */
  public static String config(String configMembers) {
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{" + configMembers + "},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":DIFF_IDS}}";
  }

  /** The config bytes, {@code DIFF_IDS} replaced. */
  public byte[] configJson() {
    List<String> ids = new ArrayList<>();
    for (byte[] l : layers) {
      ids.add("\"" + TestImage.sha256(l) + "\"");
    }
    for (Path f : layerFiles) {
      ids.add("\"" + sha256(f) + "\"");
    }
    return config.replace("DIFF_IDS", "[" + String.join(",", ids) + "]").getBytes(StandardCharsets.UTF_8);
  }

  public List<byte[]> layers() {
    return layers;
  }

  /** Writes a legacy {@code docker save} archive (as Docker 20.10 writes it) tagged {@code tag}. */
  public Path writeDockerArchive(Path file, String tag) {
    try (OutputStream out = Files.newOutputStream(file)) {
      RawTar tar = RawTar.create();
      byte[] cfg = configJson();
      List<String> paths = new ArrayList<>();
      for (byte[] l : layers) {
        String path = TestImage.hex(TestImage.sha256(l)) + "/layer.tar";
        if (!paths.contains(path)) {
          tar.file(path, l, 0644);
        }
        paths.add(path);
      }
      String configName = TestImage.hex(TestImage.sha256(cfg)) + ".json";
      tar.file(configName, cfg, 0644);
      ObjectNode entry = JSON.createObjectNode();
      entry.put("Config", configName);
      entry.putArray("RepoTags").add(tag);
      ArrayNode ls = entry.putArray("Layers");
      paths.forEach(ls::add);
      tar.file("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)), 0644);
      out.write(tar.end());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an OCI layout with uncompressed layers. */
  public Path writeOciLayout(Path dir) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
      byte[] cfg = configJson();
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
      descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", blob(blobs, cfg),
          cfg.length);
      ArrayNode ls = manifest.putArray("layers");
      for (byte[] l : layers) {
        descriptor(ls.addObject(), "application/vnd.oci.image.layer.v1.tar", blob(blobs, l), l.length);
      }
      for (Path f : layerFiles) {
        String digest = sha256(f);
        Files.copy(f, blobs.resolve(TestImage.hex(digest)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        descriptor(ls.addObject(), "application/vnd.oci.image.layer.v1.tar", digest, Files.size(f));
      }
      byte[] m = JSON.writeValueAsBytes(manifest);
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      descriptor(index.putArray("manifests").addObject(), "application/vnd.oci.image.manifest.v1+json",
          blob(blobs, m), m.length);
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the uncompressed tar stream of one layer. */
  public interface TarWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes an OCI layout of one layer streamed through gzip or zstd, never held in memory: for layers that expand far
   * beyond their compressed size.
   */
  public static Path writeStreamedLayout(Path dir, String config, TestImage.Compression compression, TarWriter tar) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
      Path tmpBlob = blobs.resolve("tmp");
      java.security.MessageDigest blobDigest = java.security.MessageDigest.getInstance("SHA-256");
      java.security.MessageDigest diffId = java.security.MessageDigest.getInstance("SHA-256");
      try (OutputStream file = new java.security.DigestOutputStream(
          new java.io.BufferedOutputStream(Files.newOutputStream(tmpBlob)), blobDigest)) {
        OutputStream compressed = compression == TestImage.Compression.ZSTD
            ? new com.github.luben.zstd.ZstdOutputStream(file) : new java.util.zip.GZIPOutputStream(file, 1 << 16);
        try (OutputStream raw = new java.security.DigestOutputStream(compressed, diffId)) {
          tar.write(raw);
        }
      }
      String layerDigest = "sha256:" + java.util.HexFormat.of().formatHex(blobDigest.digest());
      Files.move(tmpBlob, blobs.resolve(TestImage.hex(layerDigest)));
      String diff = "sha256:" + java.util.HexFormat.of().formatHex(diffId.digest());
      byte[] cfg = config.replace("DIFF_IDS", "[\"" + diff + "\"]").getBytes(StandardCharsets.UTF_8);
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
      descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", blob(blobs, cfg),
          cfg.length);
      descriptor(manifest.putArray("layers").addObject(), compression == TestImage.Compression.ZSTD
          ? "application/vnd.oci.image.layer.v1.tar+zstd" : "application/vnd.oci.image.layer.v1.tar+gzip",
          layerDigest, Files.size(blobs.resolve(TestImage.hex(layerDigest))));
      byte[] m = JSON.writeValueAsBytes(manifest);
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      descriptor(index.putArray("manifests").addObject(), "application/vnd.oci.image.manifest.v1+json",
          blob(blobs, m), m.length);
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads the archive into the engine with {@code docker load}; returns its output (the engine's own error when it
   * refuses the image).
   */
  public String load(Path workDir, String tag) {
    Path archive = writeDockerArchive(workDir.resolve("load-" + Math.abs(tag.hashCode()) + ".tar"), tag);
    try {
      return DockerCli.run("load", "-i", archive.toString());
    } catch (RuntimeException e) {
      return "REFUSED: " + e.getMessage();
    }
  }

  /** The sha256 digest of a file, streamed. */
  public static String sha256(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blob(Path blobs, byte[] content) throws IOException {
    String digest = TestImage.sha256(content);
    Files.write(blobs.resolve(TestImage.hex(digest)), content);
    return digest;
  }

  private static void descriptor(ObjectNode node, String mediaType, String digest, long size) {
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", size);
  }
}
