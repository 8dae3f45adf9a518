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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The other ways images are stored, written from {@link TestImage}s: an OCI layout holding several platforms, a
 * layout with Docker media types, an OCI archive (the layout in a tar, as {@code buildx --output type=oci} writes
 * it) and the archive Docker 25+ {@code docker save} writes (an OCI layout plus {@code manifest.json}).
 *
 * <pre>{@code
 * ImageLayouts.writeMultiPlatformLayout(tmp.resolve("multi"), amd64Image, arm64Image);
 * ImageLayouts.writeDocker25Archive(image, tmp.resolve("saved.tar"));
 * }</pre>
 */
public final class ImageLayouts {
  /** Which family of media types the manifests, configs and layers carry. */
  public enum MediaTypeStyle {
    OCI("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.config.v1+json",
        "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip",
        "application/vnd.oci.image.layer.v1.tar+zstd"),
    DOCKER("application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.container.image.v1+json",
        "application/vnd.docker.image.rootfs.diff.tar", "application/vnd.docker.image.rootfs.diff.tar.gzip",
        "application/vnd.docker.image.rootfs.diff.tar.zstd");

    final String manifest;
    final String config;
    private final String tar;
    private final String gzip;
    private final String zstd;

    MediaTypeStyle(String manifest, String config, String tar, String gzip, String zstd) {
      this.manifest = manifest;
      this.config = config;
      this.tar = tar;
      this.gzip = gzip;
      this.zstd = zstd;
    }

    /** The layer media type for this compression. */
    public String layer(TestImage.Compression compression) {
      switch (compression) {
        case GZIP:
          return gzip;
        case ZSTD:
          return zstd;
        default:
          return tar;
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageLayouts() {}

  /**
   * Writes one OCI layout whose {@code index.json} lists every image's manifest with its platform (set with
   * {@link TestImage#platform}), plus a BuildKit-style attestation manifest ({@code unknown/unknown}) for the first.
   */
  public static Path writeMultiPlatformLayout(Path dir, TestImage... images) {
    return write(dir, MediaTypeStyle.OCI, List.of(TestImage.Compression.GZIP), true, images);
  }

  /**
   * Writes an OCI layout with one image whose manifest, config and layers carry the given media types; layer
   * {@code i} is compressed with {@code compressions[i]}, or the last one given.
   */
  public static Path writeOciLayout(Path dir, TestImage image, MediaTypeStyle style,
      TestImage.Compression... compressions) {
    return write(dir, style, List.of(compressions), false, image);
  }

  /** Writes the image as an OCI archive: an OCI layout (gzip layers) packed in a tar, without {@code manifest.json}. */
  public static Path writeOciArchive(TestImage image, Path tar) {
    Path layout = tempDir();
    try {
      write(layout, MediaTypeStyle.OCI, List.of(TestImage.Compression.GZIP), false, image);
      return tarDirectory(layout, tar, List.of());
    } finally {
      TempDirs.deleteRecursively(layout);
    }
  }

  /**
   * Writes the archive Docker 25+ {@code docker save} produces: an OCI layout with uncompressed layers, plus a
   * {@code manifest.json} whose {@code Config} and {@code Layers} point at {@code blobs/sha256/…}, and a
   * {@code repositories} file.
   */
  public static Path writeDocker25Archive(TestImage image, Path tar) {
    Path layout = tempDir();
    try {
      String manifestDigest = writeImage(layout.resolve("blobs").resolve("sha256"), image, MediaTypeStyle.OCI,
          List.of(TestImage.Compression.NONE));
      byte[] config = image.configJson();
      ObjectNode entry = JSON.createObjectNode();
      entry.put("Config", "blobs/sha256/" + TestImage.hex(TestImage.sha256(config)));
      entry.putArray("RepoTags").add(image.reference());
      ArrayNode layers = entry.putArray("Layers");
      for (byte[] layer : image.layerTars()) {
        layers.add("blobs/sha256/" + TestImage.hex(TestImage.sha256(layer)));
      }
      Files.write(layout.resolve("manifest.json"), bytes(JSON.createArrayNode().add(entry)));
      String repo = image.reference().substring(0, image.reference().lastIndexOf(':'));
      String tag = image.reference().substring(image.reference().lastIndexOf(':') + 1);
      ObjectNode repositories = JSON.createObjectNode();
      repositories.putObject(repo).put(tag, TestImage.hex(TestImage.sha256(image.layerTars()
          .get(image.layerTars().size() - 1))));
      Files.write(layout.resolve("repositories"), bytes(repositories));
      ObjectNode index = indexNode();
      ObjectNode m = index.putArray("manifests").addObject();
      m.put("mediaType", MediaTypeStyle.OCI.manifest);
      m.put("digest", manifestDigest);
      m.put("size", Files.size(layout.resolve("blobs/sha256/" + TestImage.hex(manifestDigest))));
      m.putObject("annotations")
          .put("io.containerd.image.name", "docker.io/" + image.reference())
          .put("org.opencontainers.image.ref.name", tag);
      Files.write(layout.resolve("index.json"), bytes(index));
      Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return tarDirectory(layout, tar, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      TempDirs.deleteRecursively(layout);
    }
  }

  /** The manifest digests an OCI layout's {@code index.json} lists, in order. */
  public static List<String> manifestDigests(Path layout) {
    try {
      List<String> out = new ArrayList<>();
      JSON.readTree(layout.resolve("index.json").toFile()).get("manifests")
          .forEach(m -> out.add(m.get("digest").asText()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Packs a directory into a tar with relative names ({@code blobs/sha256/…}), directories first, sorted, as
   * {@code tar -C dir -cf tar .} would; {@code skip} leaves out files by relative name.
   */
  public static Path tarDirectory(Path dir, Path tar, List<String> skip) {
    try (Stream<Path> walk = Files.walk(dir); OutputStream out = Files.newOutputStream(tar)) {
      List<Path> paths = walk.filter(p -> !p.equals(dir)).sorted().collect(Collectors.toList());
      TarArchiveOutputStream t = new TarArchiveOutputStream(out, "UTF-8");
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path p : paths) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        if (skip.contains(name)) {
          continue;
        }
        boolean directory = Files.isDirectory(p);
        TarArchiveEntry e = new TarArchiveEntry(directory ? name + "/" : name);
        e.setModTime(0);
        e.setMode(directory ? 040755 : 0100644);
        e.setSize(directory ? 0 : Files.size(p));
        t.putArchiveEntry(e);
        if (!directory) {
          Files.copy(p, t);
        }
        t.closeArchiveEntry();
      }
      t.finish();
      return tar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path dir, MediaTypeStyle style, List<TestImage.Compression> compression,
      boolean attestation, TestImage... images) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
      ObjectNode index = indexNode();
      ArrayNode manifests = index.putArray("manifests");
      for (TestImage image : images) {
        String digest = writeImage(blobs, image, style, compression);
        ObjectNode m = manifests.addObject();
        m.put("mediaType", style.manifest);
        m.put("digest", digest);
        m.put("size", Files.size(blobs.resolve(TestImage.hex(digest))));
        var config = JSON.readTree(image.configJson());
        ObjectNode platform = m.putObject("platform").put("architecture", config.get("architecture").asText())
            .put("os", config.get("os").asText());
        if (config.hasNonNull("variant")) {
          platform.put("variant", config.get("variant").asText());
        }
      }
      if (attestation && images.length > 0) {
        String subject = manifests.get(0).get("digest").asText();
        byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}".getBytes(StandardCharsets.UTF_8);
        String statementDigest = blob(blobs, statement);
        byte[] emptyConfig = "{}".getBytes(StandardCharsets.UTF_8);
        String emptyConfigDigest = blob(blobs, emptyConfig);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypeStyle.OCI.manifest);
        descriptor(manifest.putObject("config"), MediaTypeStyle.OCI.config, emptyConfigDigest, emptyConfig.length);
        descriptor(manifest.putArray("layers").addObject(), "application/vnd.in-toto+json", statementDigest,
            statement.length);
        byte[] manifestBytes = bytes(manifest);
        ObjectNode m = manifests.addObject();
        descriptor(m, MediaTypeStyle.OCI.manifest, blob(blobs, manifestBytes), manifestBytes.length);
        m.putObject("platform").put("architecture", "unknown").put("os", "unknown");
        m.putObject("annotations").put("vnd.docker.reference.digest", subject)
            .put("vnd.docker.reference.type", "attestation-manifest");
      }
      Files.write(dir.resolve("index.json"), bytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes config, layers and manifest blobs; returns the manifest digest. */
  private static String writeImage(Path blobs, TestImage image, MediaTypeStyle style,
      List<TestImage.Compression> compressions) throws IOException {
    if (compressions.isEmpty()) {
      throw new IllegalArgumentException("give at least one compression");
    }
    Files.createDirectories(blobs);
    byte[] config = image.configJson();
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", style.manifest);
    descriptor(manifest.putObject("config"), style.config, blob(blobs, config), config.length);
    ArrayNode layers = manifest.putArray("layers");
    List<byte[]> tars = image.layerTars();
    for (int i = 0; i < tars.size(); i++) {
      TestImage.Compression compression = compressions.get(Math.min(i, compressions.size() - 1));
      byte[] compressed = TestImage.compress(tars.get(i), compression);
      descriptor(layers.addObject(), style.layer(compression), blob(blobs, compressed), compressed.length);
    }
    return blob(blobs, bytes(manifest));
  }

  private static ObjectNode indexNode() {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    return index;
  }

  private static void descriptor(ObjectNode node, String mediaType, String digest, long size) {
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", size);
  }

  private static String blob(Path blobs, byte[] content) throws IOException {
    String digest = TestImage.sha256(content);
    Files.write(blobs.resolve(TestImage.hex(digest)), content);
    return digest;
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("podarmor-layout");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
