package io.podarmor.internal.source;

import io.podarmor.internal.oci.Json;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.MergedFilesystem;
import io.podarmor.internal.tar.TarFormatException;
import io.podarmor.internal.tar.TarHeader;
import io.podarmor.internal.tar.TarReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a {@code docker save} archive as {@code docker load} reads it: the legacy layout ({@code manifest.json},
 * {@code <id>/layer.tar}) and the OCI layout Docker 25+ writes (also plain OCI archives with only
 * {@code index.json}). The outer tar is read with the engine's rules ({@link TarReader}, {@link ArchiveTree}), and only
 * what {@code manifest.json} (or {@code index.json}) references is read at all.
 *
 * <p>An archive file is opened by reading its headers and the documents it references; its layers are read when the
 * filesystem is first asked for. The engine's own {@code docker save} stream, which can be read only once, is indexed
 * as it passes (the engine exports the image asked for, nothing else).
 */
final class DockerArchiveReader {
  private static final long MAX_JSON = 16L * 1024 * 1024;
  private static final long MAX_KEPT_DOCUMENTS = 64L * 1024 * 1024;

  /** An archive file opened: the image's manifest digest and config, and its layers, to index on demand. */
  record Opened(String digest, ParsedConfig config, List<LayerIndexer.Blob> layers) {}

  /** A stream read once: the image's manifest digest, its config and its filesystem. */
  record Result(String digest, ParsedConfig config, MergedFilesystem filesystem) {}

  /** What an archive says the image is: its documents read, its layers located. */
  private record Assembled(String digest, ParsedConfig config, List<LayerRef> layers) {}

  /** A layer an archive's manifest names: where it is, the digest its path or descriptor gives, its media type. */
  private record LayerRef(String path, ArchiveTree.File file, String digest, String mediaType, String what) {}

  private final String source;
  private final ArchiveTree tree;
  private final Function<ArchiveTree.File, byte[]> reader;
  /** Said where something is missing from an archive that ended without the end-of-archive marker. */
  private final String truncationHint;

  private DockerArchiveReader(String source, ArchiveTree tree, Function<ArchiveTree.File, byte[]> reader,
      TarReader tar) {
    this.source = source;
    this.tree = tree;
    this.reader = reader;
    this.truncationHint = tar.endedWithMarker() ? ""
        : "; it ends without the tar end-of-archive marker, so it looks truncated";
  }

  /**
   * Opens an archive file: reads its tar headers, {@code manifest.json} or {@code index.json} and the config.
   *
   * @param source names the archive in errors, e.g. {@code docker-archive:/tmp/app.tar}
   */
  static Opened open(Path file, String source, Platform wanted) {
    ArchiveTree tree = new ArchiveTree(source);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      TarReader tar = new TarReader(new BufferedInputStream(new RangeStream(channel, 0, channel.size()), 8192));
      scan(tar, tree, source, h -> { });
      DockerArchiveReader reader = new DockerArchiveReader(source, tree, f -> range(channel, f, source), tar);
      Assembled image = reader.assemble(wanted);
      List<LayerIndexer.Blob> layers = new ArrayList<>();
      for (int i = 0; i < image.layers().size(); i++) {
        LayerRef ref = image.layers().get(i);
        Compression compression = ref.mediaType() == null ? null
            : Compression.forLayerMediaType(ref.mediaType(), ref.what());
        ArchiveTree.File f = ref.file();
        layers.add(new LayerIndexer.Blob(ref.what(), ref.digest(), compression, image.config().diffIds.get(i),
            () -> new RangeStream(FileChannel.open(file, StandardOpenOption.READ), f.offset, f.size, true), false));
      }
      return new Opened(image.digest(), image.config(), layers);
    } catch (IOException e) {
      throw new ImageException("Cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a {@code docker save} stream once, indexing its layers as they pass, before the manifest (which comes last)
   * says their order.
   */
  static Result read(InputStream in, String source, Platform wanted) {
    ArchiveTree tree = new ArchiveTree(source);
    long[] kept = {0};
    TarReader tar = new TarReader(new BufferedInputStream(in, 65536));
    scan(tar, tree, source, f -> keepWhilePassing(tar, f, source, kept));
    DockerArchiveReader reader = new DockerArchiveReader(source, tree, f -> {
      if (f.bytes == null) {
        throw new ImageException(source + ": " + f.name + " was not kept while the archive streamed by");
      }
      return f.bytes;
    }, tar);
    Assembled image = reader.assemble(wanted);
    FilesystemMerger merger = new FilesystemMerger(source, LayerNeeds.PASS);
    for (int i = 0; i < image.layers().size(); i++) {
      LayerRef ref = image.layers().get(i);
      LayerLoader.Result layer = ref.file().layer;
      if (layer == null && ref.file().notALayer != null) {
        throw ref.file().notALayer;
      }
      if (layer == null) {
        throw new ImageException(source + ": " + ref.path() + " named by the manifest is not a layer tar");
      }
      if (ref.mediaType() != null) {
        Compression.forLayerMediaType(ref.mediaType(), ref.what()); // read before the manifest said what it is
      }
      if (ref.digest() != null && !layer.blobDigest().equals(ref.digest())) {
        throw new ImageException("Digest mismatch for " + ref.what() + ": the blob's content has digest "
            + layer.blobDigest());
      }
      String diffId = image.config().diffIds.get(i);
      if (!layer.diffId().equals(diffId)) {
        throw new ImageException("Digest mismatch for " + ref.what() + ": the config gives diff ID " + diffId
            + " but the uncompressed layer has digest " + layer.diffId());
      }
      LayerIndexer.verified(layer.blobDigest(), layer.diffId());
      LayerIndexer.keep(diffId, layer.index());
      merger.apply(layer.index(), i + 1, diffId);
    }
    return new Result(image.digest(), image.config(), merger.build());
  }

  /** Reads every header into the tree; {@code onFile} may read a regular file's data as it passes. */
  private static void scan(TarReader tar, ArchiveTree tree, String source,
      java.util.function.Consumer<ArchiveTree.File> onFile) {
    int count = 0;
    try {
      TarHeader h;
      while ((h = tar.next()) != null) {
        count++;
        ArchiveTree.File f = tree.add(h);
        if (f != null) {
          onFile.accept(f);
        }
      }
    } catch (ImageException e) {
      throw e;
    } catch (TarFormatException | EOFException e) {
      throw new ImageException(source + ": cannot read the archive as docker load would: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new ImageException(source + ": cannot read the archive (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
    if (count == 0) {
      throw new ImageException(source + " is empty or not a tar archive");
    }
  }

  /**
   * While a stream passes: keeps small documents, indexes layer tars. Docker names a layer {@code <id>/layer.tar} or
   * {@code blobs/sha256/<hex>}; podman writes {@code <hex>.tar} (with a {@code <id>/layer.tar} symlink to it), and
   * {@code docker load} takes whatever file the manifest, coming last, names. So any other {@code .tar} file is read as
   * a layer too, and why it is not one is said only if the manifest names it.
   */
  private static void keepWhilePassing(TarReader tar, ArchiveTree.File f, String source, long[] kept) {
    String name = f.name.startsWith("/") ? f.name.substring(1) : f.name;
    boolean layerTar = name.endsWith("/layer.tar") || name.equals("layer.tar");
    boolean blob = name.startsWith("blobs/");
    if (!layerTar && !blob && name.endsWith(".tar")) {
      try {
        f.layer = LayerLoader.load(new BufferedInputStream(tar.content(), 65536), null,
            "layer " + name + " of " + source);
      } catch (ImageException e) {
        f.notALayer = e;
      }
      return;
    }
    try {
      if (!layerTar && !blob) {
        if (name.endsWith(".json") && !name.contains("/") && f.size <= MAX_JSON) {
          f.bytes = keep(tar, f, source, kept);
        }
        return;
      }
      BufferedInputStream in = new BufferedInputStream(tar.content(), 65536);
      if (blob && f.size <= MAX_JSON) {
        in.mark(64);
        int first = firstNonSpace(in);
        in.reset();
        if (first == '{') {
          f.bytes = keep(tar, f, source, kept, in);
          return;
        }
      }
      f.layer = LayerLoader.load(in, null, "layer " + name + " of " + source);
    } catch (IOException e) {
      throw new ImageException(source + ": cannot read " + name + " (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] keep(TarReader tar, ArchiveTree.File f, String source, long[] kept) throws IOException {
    return keep(tar, f, source, kept, tar.content());
  }

  private static byte[] keep(TarReader tar, ArchiveTree.File f, String source, long[] kept, InputStream in)
      throws IOException {
    kept[0] += f.size;
    if (kept[0] > MAX_KEPT_DOCUMENTS) {
      throw new ImageException(source + " holds more than " + MAX_KEPT_DOCUMENTS + " bytes of JSON documents");
    }
    byte[] bytes = in.readNBytes((int) f.size);
    if (bytes.length < f.size) {
      throw new EOFException("the archive ends inside " + f.name);
    }
    return bytes;
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

  private Assembled assemble(Platform wanted) {
    ArchiveTree.File manifest = tree.find("manifest.json");
    if (manifest != null) {
      return assembleDockerManifest(document(manifest, "manifest.json", "manifest"));
    }
    ArchiveTree.File index = tree.find("index.json");
    if (index != null) {
      return assembleOciIndex(document(index, "index.json", "index"), wanted);
    }
    throw new ImageException(source + " is not an image archive: it has neither manifest.json (docker save) "
        + "nor index.json (OCI)" + truncationHint);
  }

  private Assembled assembleDockerManifest(byte[] manifestJson) {
    String what = source + " manifest.json";
    JsonNode manifests = Json.parse(manifestJson, what);
    if (!manifests.isArray() || manifests.isEmpty()) {
      throw new ImageException(source + " manifest.json lists no image");
    }
    if (manifests.size() > 1) {
      List<String> tags = new ArrayList<>();
      manifests.forEach(m -> tags.add(String.valueOf(Json.strings(m, "RepoTags", what, "[]"))));
      throw new ImageException(source + " holds " + manifests.size() + " images " + tags
          + "; save one image per archive");
    }
    JsonNode m = manifests.get(0);
    if (!m.isObject()) {
      throw new ImageException(what + ": its entry is not a JSON object");
    }
    String configPath = Json.requireText(m, "Config", what, "[0]");
    byte[] configBytes = document(configPath, "config");
    String configDigest = Digests.sha256(configBytes);
    String expected = digestFromPath(configPath);
    if (expected != null && !expected.equals(configDigest)) {
      throw new ImageException("Digest mismatch for config " + configPath + " of " + source + ": expected "
          + expected + " but the content has digest " + configDigest);
    }
    ParsedConfig config = ParsedConfig.parse(configBytes, "config " + configPath + " of " + source);
    List<String> layerPaths = Json.strings(m, "Layers", what, "[0]");
    if (layerPaths == null) {
      throw new ImageException(source + " manifest.json has no Layers");
    }
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < layerPaths.size(); i++) {
      String path = layerPaths.get(i);
      layers.add(new LayerRef(path, file(path), digestFromPath(path), null,
          "layer " + (i + 1) + " (" + path + ") of " + source));
    }
    return checked(new Assembled(manifestDigestFor(configDigest), config, layers));
  }

  private Assembled assembleOciIndex(byte[] indexJson, Platform wanted) {
    JsonNode index = Json.parse(indexJson, source + " index.json");
    List<Descriptor> manifests = IndexSelector.manifests(index, d -> document(blobPath(d), "blob"),
        source + " index.json");
    Descriptor chosen = IndexSelector.select(manifests, wanted, false, source);
    String what = "manifest " + chosen.digest() + " of " + source;
    Manifest manifest = Manifest.parse(Json.parse(document(blobPath(chosen.digest()), "manifest"), what),
        chosen.digest(), what).requireImage(what);
    ParsedConfig config = ParsedConfig.parse(document(blobPath(manifest.config().digest()), "config"),
        "config " + manifest.config().digest() + " of " + source);
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor d = manifest.layers().get(i);
      String layerWhat = "layer " + (i + 1) + " (" + d.digest() + ") of " + source;
      Compression.forLayerMediaType(d.mediaType(), layerWhat);
      layers.add(new LayerRef(blobPath(d.digest()), file(blobPath(d.digest())), d.digest(), d.mediaType(), layerWhat));
    }
    return checked(new Assembled(manifest.digest(), config, layers));
  }

  private Assembled checked(Assembled image) {
    if (image.layers().size() != image.config().diffIds.size()) {
      throw new ImageException(source + ": the manifest lists " + image.layers().size() + " layers but the config "
          + "has " + image.config().diffIds.size() + " diff IDs");
    }
    return image;
  }

  private ArchiveTree.File file(String path) {
    ArchiveTree.File f = tree.find(path);
    if (f == null) {
      throw new ImageException(source + ": the manifest names layer " + path + ", which is missing from the archive"
          + truncationHint);
    }
    return f;
  }

  private byte[] document(String path, String kind) {
    ArchiveTree.File f = tree.find(path);
    if (f == null) {
      throw new ImageException(source + ": the " + kind + " " + path + " named by the manifest is missing from "
          + "the archive" + truncationHint);
    }
    byte[] bytes = document(f, path, kind);
    String expected = digestFromPath(path);
    if (expected != null && !Digests.sha256(bytes).equals(expected)) {
      throw new ImageException("Digest mismatch for " + kind + " " + path + " of " + source + ": expected "
          + expected + " but the content has digest " + Digests.sha256(bytes));
    }
    return bytes;
  }

  private byte[] document(ArchiveTree.File f, String path, String kind) {
    if (f.size > MAX_JSON) {
      throw new ImageException(source + ": the " + kind + " " + path + " is larger than " + MAX_JSON
          + " bytes: not a JSON document");
    }
    return reader.apply(f);
  }

  /** Docker 25+ archives also carry the OCI manifest: its digest is the image's; otherwise the image ID stands in. */
  private String manifestDigestFor(String configDigest) {
    ArchiveTree.File index = tree.find("index.json");
    if (index == null || index.size > MAX_JSON) {
      return configDigest;
    }
    try {
      JsonNode root = Json.parse(reader.apply(index), source + " index.json");
      for (Descriptor d : Descriptor.parseAll(Json.array(root, "manifests", source + " index.json", ""),
          source + " index.json")) {
        ArchiveTree.File f = tree.find(blobPath(d.digest()));
        if (f == null || f.size > MAX_JSON) {
          continue;
        }
        byte[] bytes = reader.apply(f);
        if (!Digests.sha256(bytes).equals(d.digest())) {
          continue;
        }
        JsonNode node = Json.parse(bytes, "manifest " + d.digest() + " of " + source);
        JsonNode config = Json.object(node, "config", source, "");
        if (config != null && configDigest.equals(Json.text(config, "digest", source, "config"))) {
          return d.digest();
        }
      }
    } catch (ImageException notAManifest) {
      // the index is not needed to read the image: the image ID stands in
    }
    return configDigest;
  }

  private static byte[] range(FileChannel channel, ArchiveTree.File f, String source) {
    try {
      ByteBuffer buf = ByteBuffer.allocate((int) f.size);
      long pos = f.offset;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos);
        if (n < 0) {
          throw new ImageException(source + " is truncated: " + f.name + " ends after " + (pos - f.offset) + " of "
              + f.size + " bytes");
        }
        pos += n;
      }
      return buf.array();
    } catch (IOException e) {
      throw new ImageException("Cannot read " + source + ": " + e.getMessage(), e);
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

  /** A range of a file, read with positional reads; skipping seeks. */
  private static final class RangeStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private final boolean closeChannel;
    private long pos;

    RangeStream(FileChannel channel, long offset, long size) {
      this(channel, offset, size, false);
    }

    RangeStream(FileChannel channel, long offset, long size, boolean closeChannel) {
      this.channel = channel;
      this.pos = offset;
      this.end = offset + size;
      this.closeChannel = closeChannel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= end) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
      if (n < 0) {
        throw new EOFException("the archive is truncated");
      }
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, end - pos));
      pos += skipped;
      return skipped;
    }

    @Override
    public void close() throws IOException {
      if (closeChannel) {
        channel.close();
      }
    }
  }
}
