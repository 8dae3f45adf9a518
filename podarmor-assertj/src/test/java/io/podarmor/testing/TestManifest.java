package io.podarmor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One manifest with the blobs it names, ready to push to a registry ({@link TestRegistry#push}) or to put in a
 * {@link TestIndex}: an image manifest built from a {@link TestImage} (OCI or Docker media types, any layer
 * compression), a BuildKit-style attestation manifest, or an OCI 1.1 artifact with a {@code subject}.
 *
 * <pre>{@code
 * TestManifest m = TestManifest.of(image, TestImage.Compression.ZSTD, TestManifest.Format.OCI);
 * String digest = TestRegistry.local().push("podarmor-test-reg/app", "1", m);
 * }</pre>
 */
public final class TestManifest {
  /** Which family of media types. */
  public enum Format {
    OCI, DOCKER
  }

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String mediaType;
  private final byte[] bytes;
  private final Map<String, byte[]> blobs;
  private final String os;
  private final String architecture;
  private final String artifactType;

  private TestManifest(String mediaType, byte[] bytes, Map<String, byte[]> blobs, String os, String architecture,
      String artifactType) {
    this.mediaType = mediaType;
    this.bytes = bytes;
    this.blobs = blobs;
    this.os = os;
    this.architecture = architecture;
    this.artifactType = artifactType;
  }

  /** The image manifest of {@code image}, its layers compressed as given. */
  public static TestManifest of(TestImage image, TestImage.Compression compression, Format format) {
    return of(image, compression, format, null);
  }

  /**
   * Like {@link #of(TestImage, TestImage.Compression, Format)}, with every layer's media type replaced by
   * {@code layerMediaType} when it is not {@code null} (to test unknown media types).
   */
  public static TestManifest of(TestImage image, TestImage.Compression compression, Format format,
      String layerMediaType) {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    byte[] config = image.configJson();
    JsonNode configNode = read(config);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    String type = format == Format.OCI ? OCI_MANIFEST : DOCKER_MANIFEST;
    manifest.put("mediaType", type);
    descriptor(manifest.putObject("config"), format == Format.OCI ? OCI_CONFIG : DOCKER_CONFIG, config, blobs);
    ArrayNode layers = manifest.putArray("layers");
    for (byte[] tar : image.layerTars()) {
      byte[] blob = TestImage.compress(tar, compression);
      descriptor(layers.addObject(), layerMediaType != null ? layerMediaType : layerType(compression, format), blob,
          blobs);
    }
    return new TestManifest(type, bytes(manifest), blobs, configNode.path("os").asText(),
        configNode.path("architecture").asText(), null);
  }

  /** A BuildKit attestation manifest for {@code subjectDigest}: sits in an index as {@code unknown/unknown}. */
  public static TestManifest attestation(String subjectDigest) {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    byte[] config = ("{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
    byte[] statement = ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
        + "\"https://slsa.dev/provenance/v0.2\",\"subject\":[{\"name\":\"podarmor\",\"digest\":{\"sha256\":\""
        + TestImage.hex(subjectDigest) + "\"}}],\"predicate\":{}}").getBytes(StandardCharsets.UTF_8);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    descriptor(manifest.putObject("config"), OCI_CONFIG, config, blobs);
    ObjectNode layer = manifest.putArray("layers").addObject();
    descriptor(layer, "application/vnd.in-toto+json", statement, blobs);
    layer.putObject("annotations").put("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2");
    return new TestManifest(OCI_MANIFEST, bytes(manifest), blobs, "unknown", "unknown", null);
  }

  /**
   * An OCI 1.1 artifact manifest (an image manifest with {@code artifactType}, the empty config and one layer)
   * whose {@code subject} is the given manifest, as cosign v3 and oras attach signatures and SBOMs.
   */
  public static TestManifest artifact(String artifactType, String layerMediaType, byte[] payload,
      String subjectMediaType, String subjectDigest, long subjectSize, Map<String, String> annotations) {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    manifest.put("artifactType", artifactType);
    descriptor(manifest.putObject("config"), OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8), blobs);
    descriptor(manifest.putArray("layers").addObject(), layerMediaType, payload, blobs);
    manifest.putObject("subject").put("mediaType", subjectMediaType).put("digest", subjectDigest)
        .put("size", subjectSize);
    if (!annotations.isEmpty()) {
      ObjectNode a = manifest.putObject("annotations");
      annotations.forEach(a::put);
    }
    return new TestManifest(OCI_MANIFEST, bytes(manifest), blobs, null, null, artifactType);
  }

  /** A manifest of any shape: these exact bytes, with the blobs it names (for signature fixtures). */
  static TestManifest raw(String mediaType, byte[] bytes, Map<String, byte[]> blobs, String artifactType) {
    return new TestManifest(mediaType, bytes, blobs, null, null, artifactType);
  }

  /** An index (or Docker manifest list) over these manifests, and their blobs. */
  static TestManifest index(List<TestManifest> manifests, Format format, List<Map<String, String>> annotations) {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    String type = format == Format.OCI ? OCI_INDEX : DOCKER_LIST;
    index.put("mediaType", type);
    ArrayNode entries = index.putArray("manifests");
    for (int i = 0; i < manifests.size(); i++) {
      TestManifest m = manifests.get(i);
      ObjectNode e = entries.addObject();
      e.put("mediaType", m.mediaType);
      e.put("digest", m.digest());
      e.put("size", m.bytes.length);
      if (m.artifactType != null) {
        e.put("artifactType", m.artifactType);
      }
      if (m.os != null) {
        e.putObject("platform").put("architecture", m.architecture).put("os", m.os);
      }
      if (!annotations.get(i).isEmpty()) {
        ObjectNode a = e.putObject("annotations");
        annotations.get(i).forEach(a::put);
      }
    }
    return new TestManifest(type, bytes(index), blobs, null, null, null);
  }

  public String mediaType() {
    return mediaType;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String digest() {
    return TestImage.sha256(bytes);
  }

  public long size() {
    return bytes.length;
  }

  /** Config and layer blobs by digest, in manifest order. */
  public Map<String, byte[]> blobs() {
    return blobs;
  }

  /** The layer blob digests, in order (every blob but the config). */
  public List<String> layerDigests() {
    return List.copyOf(blobs.keySet()).subList(1, blobs.size());
  }

  /** {@code os/architecture} from the config, e.g. {@code linux/arm64}; null for artifacts and indexes. */
  public String platform() {
    return os == null ? null : os + "/" + architecture;
  }

  public String artifactType() {
    return artifactType;
  }

  private static String layerType(TestImage.Compression compression, Format format) {
    if (format == Format.OCI) {
      return compression.mediaType;
    }
    switch (compression) {
      case GZIP:
        return "application/vnd.docker.image.rootfs.diff.tar.gzip";
      case ZSTD:
        return "application/vnd.docker.image.rootfs.diff.tar.zstd";
      default:
        return "application/vnd.docker.image.rootfs.diff.tar";
    }
  }

  /** Fills {@code node} as the descriptor of {@code content} and keeps the blob in {@code blobs}. */
  static void descriptor(ObjectNode node, String mediaType, byte[] content, Map<String, byte[]> blobs) {
    String digest = TestImage.sha256(content);
    node.put("mediaType", mediaType);
    node.put("digest", digest);
    node.put("size", content.length);
    blobs.put(digest, content);
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
