package io.podarmor.internal.source;

import io.podarmor.internal.blob.Streams;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.fs.MergedFilesystem;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a {@code docker save} stream in one pass: the legacy layout ({@code manifest.json}, {@code <id>/layer.tar})
 * and the OCI layout Docker 25+ writes (also plain OCI archives with only {@code index.json}). Layers are indexed
 * as they stream past, before the manifest (which comes last) says their order; only metadata is kept.
 */
final class DockerArchiveReader {
  private static final long MAX_JSON = 16L * 1024 * 1024;

  /** What a whole archive yielded. */
  static final class Result {
    final String digest;
    final ParsedConfig config;
    final MergedFilesystem filesystem;

    Result(String digest, ParsedConfig config, MergedFilesystem filesystem) {
      this.digest = digest;
      this.config = config;
      this.filesystem = filesystem;
    }
  }

  private final String source;
  private final Map<String, byte[]> documents = new HashMap<>();
  private final Map<String, LayerLoader.Result> layers = new HashMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private TailRecorder tail;

  private DockerArchiveReader(String source) {
    this.source = source;
  }

  /**
   * Reads the whole stream.
   *
   * @param source names the archive in errors, e.g. {@code docker-archive:/tmp/app.tar}
   */
  static Result read(InputStream in, String source, Platform wanted) {
    DockerArchiveReader reader = new DockerArchiveReader(source);
    reader.scan(in);
    return reader.assemble(wanted);
  }

  private void scan(InputStream in) {
    tail = new TailRecorder(in);
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(tail, 65536), "UTF-8");
      TarArchiveEntry e;
      int count = 0;
      while ((e = tar.getNextEntry()) != null) {
        count++;
        String name = ImagePaths.normalize(e.getName());
        if (name == null) {
          throw new ImageException(source + ": archive entry '" + e.getName() + "' escapes the archive root");
        }
        name = name.substring(1);
        if (e.isSymbolicLink()) {
          String target = ImagePaths.normalize(ImagePaths.parent("/" + name) + "/" + e.getLinkName());
          if (target != null) {
            aliases.put(name, target.substring(1));
          }
        } else if (e.isLink()) {
          String target = ImagePaths.normalize(e.getLinkName());
          if (target != null) {
            aliases.put(name, target.substring(1));
          }
        } else if (e.isFile()) {
          readFile(tar, e, name);
        }
      }
      if (count == 0) {
        throw new ImageException(source + " is empty or not a tar archive");
      }
    } catch (ImageException ex) {
      throw ex;
    } catch (IOException | RuntimeException ex) {
      throw new ImageException(source + ": cannot read the archive, it is truncated or not a tar ("
          + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")", ex);
    }
  }

  private void readFile(TarArchiveInputStream tar, TarArchiveEntry e, String name) throws IOException {
    boolean layerTar = name.endsWith("/layer.tar") || name.equals("layer.tar");
    boolean blob = name.startsWith("blobs/");
    if (!layerTar && !blob) {
      if (name.endsWith(".json") && !name.contains("/") && e.getSize() <= MAX_JSON) {
        documents.put(name, new EntryStream(tar, e, name).readAllBytes());
      }
      return;
    }
    BufferedInputStream in = new BufferedInputStream(new EntryStream(tar, e, name), 65536);
    if (blob && e.getSize() <= MAX_JSON) {
      in.mark(64);
      int first = firstNonSpace(in);
      in.reset();
      if (first == '{') {
        documents.put(name, in.readAllBytes());
        return;
      }
    }
    layers.put(name, LayerLoader.load(in, null, "layer " + name + " of " + source));
  }

  private static int firstNonSpace(InputStream in) throws IOException {
    for (int i = 0; i < 32; i++) {
      int b = in.read();
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
    }
    return -1;
  }

  private Result assemble(Platform wanted) {
    byte[] manifestJson = documents.get("manifest.json");
    if (manifestJson != null) {
      return assembleDockerManifest(manifestJson);
    }
    byte[] indexJson = documents.get("index.json");
    if (indexJson != null) {
      return assembleOciIndex(indexJson, wanted);
    }
    throw new ImageException(source + " is not an image archive: it has neither manifest.json (docker save) "
        + "nor index.json (OCI)" + truncationHint());
  }

  private Result assembleDockerManifest(byte[] manifestJson) {
    JsonNode manifests = Json.parse(manifestJson, source + " manifest.json");
    if (!manifests.isArray() || manifests.isEmpty()) {
      throw new ImageException(source + " manifest.json lists no image");
    }
    if (manifests.size() > 1) {
      List<String> tags = new ArrayList<>();
      manifests.forEach(m -> tags.add(String.valueOf(Json.strings(m.get("RepoTags")))));
      throw new ImageException(source + " holds " + manifests.size() + " images " + tags
          + "; save one image per archive");
    }
    JsonNode m = manifests.get(0);
    String configPath = Json.requireText(m, "Config", source + " manifest.json");
    byte[] configBytes = document(configPath, "config");
    String configDigest = Digests.sha256(configBytes);
    String expected = digestFromPath(configPath);
    if (expected != null && !expected.equals(configDigest)) {
      throw new ImageException("Digest mismatch for config " + configPath + " of " + source + ": expected "
          + expected + " but the content has digest " + configDigest);
    }
    ParsedConfig config = ParsedConfig.parse(configBytes, "config " + configPath + " of " + source);
    List<String> layerPaths = Json.strings(m.get("Layers"));
    if (layerPaths == null) {
      throw new ImageException(source + " manifest.json has no Layers");
    }
    List<LayerLoader.Result> ordered = new ArrayList<>();
    for (String path : layerPaths) {
      ordered.add(layer(path, digestFromPath(path)));
    }
    return merge(manifestDigestFor(configDigest), config, ordered);
  }

  private Result assembleOciIndex(byte[] indexJson, Platform wanted) {
    JsonNode index = Json.parse(indexJson, source + " index.json");
    List<Descriptor> manifests = IndexSelector.manifests(index, d -> document(blobPath(d), "blob"),
        source + " index.json");
    Descriptor chosen = IndexSelector.select(manifests, wanted, false, source);
    String what = "manifest " + chosen.digest + " of " + source;
    Manifest manifest = Manifest.parse(Json.parse(document(blobPath(chosen.digest), "manifest"), what),
        chosen.digest, what);
    ParsedConfig config = ParsedConfig.parse(document(blobPath(manifest.config.digest), "config"),
        "config " + manifest.config.digest + " of " + source);
    List<LayerLoader.Result> ordered = new ArrayList<>();
    for (int i = 0; i < manifest.layers.size(); i++) {
      Descriptor d = manifest.layers.get(i);
      // the layer was read before the manifest said what it is (its compression sniffed): check the type now
      Compression.forLayerMediaType(d.mediaType, "layer " + (i + 1) + " (" + d.digest + ") of " + source);
      ordered.add(layer(blobPath(d.digest), d.digest));
    }
    return merge(manifest.digest, config, ordered);
  }

  private Result merge(String digest, ParsedConfig config, List<LayerLoader.Result> ordered) {
    if (ordered.size() != config.diffIds.size()) {
      throw new ImageException(source + ": the manifest lists " + ordered.size() + " layers but the config has "
          + config.diffIds.size() + " diff IDs");
    }
    FilesystemMerger merger = new FilesystemMerger(source);
    for (int i = 0; i < ordered.size(); i++) {
      String diffId = config.diffIds.get(i);
      LayerLoader.Result layer = ordered.get(i);
      if (!layer.diffId.equals(diffId)) {
        throw new ImageException("Digest mismatch for layer " + (i + 1) + " of " + source
            + ": the config gives diff ID " + diffId + " but the uncompressed layer has digest " + layer.diffId);
      }
      merger.apply(layer.index, i + 1, diffId);
    }
    return new Result(digest, config, merger.build());
  }

  private LayerLoader.Result layer(String path, String expectedBlobDigest) {
    String resolved = aliases.getOrDefault(path, path);
    LayerLoader.Result layer = layers.get(resolved);
    if (layer == null) {
      throw new ImageException(source + ": the manifest names layer " + path + ", which is missing from the archive"
          + truncationHint());
    }
    if (expectedBlobDigest != null && !layer.blobDigest.equals(expectedBlobDigest)) {
      throw new ImageException("Digest mismatch for layer " + path + " of " + source + ": expected "
          + expectedBlobDigest + " but the content has digest " + layer.blobDigest);
    }
    return layer;
  }

  private byte[] document(String path, String kind) {
    String resolved = aliases.getOrDefault(path, path);
    byte[] bytes = documents.get(resolved);
    if (bytes == null) {
      throw new ImageException(source + ": the " + kind + " " + path + " named by the manifest is missing from "
          + "the archive" + truncationHint());
    }
    String expected = digestFromPath(path);
    if (expected != null && !Digests.sha256(bytes).equals(expected)) {
      throw new ImageException("Digest mismatch for " + kind + " " + path + " of " + source + ": expected "
          + expected + " but the content has digest " + Digests.sha256(bytes));
    }
    return bytes;
  }

  /** Docker 25+ archives also carry the OCI manifest: its digest is the image's; otherwise the image ID stands in. */
  private String manifestDigestFor(String configDigest) {
    for (Map.Entry<String, byte[]> doc : documents.entrySet()) {
      if (!doc.getKey().startsWith("blobs/")) {
        continue;
      }
      try {
        JsonNode node = Json.MAPPER.readTree(doc.getValue());
        JsonNode config = node == null ? null : node.get("config");
        if (config != null && configDigest.equals(Json.text(config, "digest")) && node.has("layers")) {
          return Digests.sha256(doc.getValue());
        }
      } catch (IOException ignored) {
        // not JSON: not a manifest
      }
    }
    return configDigest;
  }

  /** A tar ends with two zero blocks; an archive that stops without them was cut off. */
  private String truncationHint() {
    return tail != null && !tail.endsWithZeroBlocks()
        ? "; it ends without the tar end-of-archive marker, so it looks truncated" : "";
  }

  /** One archive entry's content; ending before its declared size means the archive was cut off. */
  private final class EntryStream extends FilterInputStream {
    private final long size;
    private final String name;
    private long read;

    EntryStream(InputStream tar, TarArchiveEntry e, String name) {
      super(tar);
      this.size = e.getSize();
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        // commons-compress says "Truncated TAR archive" when the archive ends inside an entry
        throw truncated(e);
      }
      if (n < 0 && read < size && len > 0) {
        throw truncated(null);
      }
      read += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return Streams.skipByReading(this, n);
    }

    private ImageException truncated(Exception cause) {
      return new ImageException(source + " is truncated: its entry " + name + " ends after " + read + " of its "
          + size + " bytes", cause);
    }
  }

  /** Keeps the last bytes read, to tell a complete tar (zero blocks at the end) from one that was cut off. */
  private static final class TailRecorder extends FilterInputStream {
    private static final int KEPT = 1024;
    private final byte[] last = new byte[KEPT];
    private long total;

    TailRecorder(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        record(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        record(b, off, n);
      }
      return n;
    }

    private void record(byte[] b, int off, int n) {
      if (n >= KEPT) {
        System.arraycopy(b, off + n - KEPT, last, 0, KEPT);
      } else {
        System.arraycopy(last, n, last, 0, KEPT - n);
        System.arraycopy(b, off, last, KEPT - n, n);
      }
      total += n;
    }

    boolean endsWithZeroBlocks() {
      if (total < KEPT) {
        return false;
      }
      for (byte b : last) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
  }

  private static String blobPath(String digest) {
    return "blobs/sha256/" + Digests.hex(digest);
  }

  /** {@code blobs/sha256/<hex>} and legacy {@code <hex>.json} names carry their digest. */
  private static String digestFromPath(String path) {
    String hex = null;
    if (path.startsWith("blobs/sha256/")) {
      hex = path.substring("blobs/sha256/".length());
    } else if (path.endsWith(".json") && !path.contains("/")) {
      hex = path.substring(0, path.length() - ".json".length());
    }
    String digest = "sha256:" + hex;
    return hex != null && Digests.isSha256(digest) ? digest : null;
  }
}
