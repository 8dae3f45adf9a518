package io.podarmor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A large synthetic image as an OCI layout: several gzip layers, more than 100,000 files and 500 MB uncompressed,
 * with content that compresses the way real images do (text, code-like binaries, already-compressed data), a
 * merged-usr tree, setuid programs, hard links, symlinks, whiteouts and an opaque directory. Deterministic; written
 * once and reused from its directory.
 */
final class SyntheticImage {
  /** Bump when the generator changes, so a cached layout is rebuilt. */
  static final String VERSION = "2";
  static final int LAYERS = 6;
  static final int SMALL_FILES_PER_LAYER = 18_400;
  static final int MEDIUM_FILES_PER_LAYER = 60;
  static final int LARGE_FILES_PER_LAYER = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int POOL = 8 << 20;

  /** What one layer came to. */
  static final class LayerStats {
    final Path blob;
    final String digest;
    final String diffId;
    final long compressedSize;
    final long uncompressedSize;
    final int files;

    LayerStats(Path blob, String digest, String diffId, long compressedSize, long uncompressedSize, int files) {
      this.blob = blob;
      this.digest = digest;
      this.diffId = diffId;
      this.compressedSize = compressedSize;
      this.uncompressedSize = uncompressedSize;
      this.files = files;
    }
  }

  private SyntheticImage() {}

  /** The layout in {@code dir}, written first when missing or from another generator version. */
  static Properties ensure(Path dir) throws Exception {
    Path marker = dir.resolve("bench.properties");
    if (Files.isRegularFile(marker)) {
      Properties p = load(marker);
      if (VERSION.equals(p.getProperty("version"))) {
        return p;
      }
    }
    deleteRecursively(dir);
    Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    byte[] text = textPool(new SplittableRandom(1));
    byte[] code = codePool(new SplittableRandom(2));
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<Future<LayerStats>> futures = new ArrayList<>();
    for (int i = 0; i < LAYERS; i++) {
      int layer = i;
      futures.add(pool.submit(() -> writeLayer(blobs, layer, text, code)));
    }
    List<LayerStats> layers = new ArrayList<>();
    for (Future<LayerStats> f : futures) {
      layers.add(f.get());
    }
    pool.shutdown();
    writeManifest(dir, blobs, layers);
    Properties p = new Properties();
    p.setProperty("version", VERSION);
    p.setProperty("layers", String.valueOf(LAYERS));
    p.setProperty("files", String.valueOf(layers.stream().mapToInt(l -> l.files).sum()));
    p.setProperty("uncompressed", String.valueOf(layers.stream().mapToLong(l -> l.uncompressedSize).sum()));
    p.setProperty("compressed", String.valueOf(layers.stream().mapToLong(l -> l.compressedSize).sum()));
    StringBuilder blobList = new StringBuilder();
    for (LayerStats l : layers) {
      blobList.append(blobList.length() == 0 ? "" : ",").append(l.digest);
    }
    p.setProperty("blobs", blobList.toString());
    try (OutputStream out = Files.newOutputStream(marker)) {
      p.store(out, "synthetic benchmark image");
    }
    return p;
  }

  private static LayerStats writeLayer(Path blobs, int layer, byte[] text, byte[] code) throws IOException {
    SplittableRandom random = new SplittableRandom(1000 + layer);
    Path partial = blobs.resolve("partial-" + layer);
    MessageDigest blobDigest = sha256();
    MessageDigest tarDigest = sha256();
    int files = 0;
    Counting compressed;
    Counting uncompressed;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      compressed = new Counting(new DigestOutputStream(file, blobDigest));
      GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16);
      uncompressed = new Counting(new DigestOutputStream(gzip, tarDigest));
      TarArchiveOutputStream tar = new TarArchiveOutputStream(uncompressed, "UTF-8");
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Writer w = new Writer(tar, random, text, code);
      if (layer == 0) {
        w.dir("usr/", 0755);
        w.dir("usr/bin/", 0755);
        w.symlink("bin", "usr/bin");
        w.symlink("lib", "usr/lib");
        w.file("usr/bin/dash", 0755, 120_000, Kind.CODE);
        w.symlink("usr/bin/sh", "dash");
        w.file("usr/bin/passwd", 04755, 68_000, Kind.CODE);
        w.file("usr/bin/su", 04755, 72_000, Kind.CODE);
        w.file("usr/bin/chage", 02755, 80_000, Kind.CODE);
        w.hardlink("usr/bin/su-link", "usr/bin/su");
        w.dir("var/cache/app/", 0755);
        for (int i = 0; i < 50; i++) {
          w.file("var/cache/app/entry-" + i, 0644, 4_000, Kind.TEXT);
        }
        w.file("etc/passwd", 0644, 0, Kind.TEXT);
      } else {
        // what later layers do to lower ones: delete, hide, and clear a bit
        w.whiteout("usr/lib/pkg-" + (layer - 1) + "-3/.wh.doc");
        w.opaque("var/cache/app/");
        w.file("var/cache/app/fresh-" + layer, 0644, 2_000, Kind.TEXT);
        if (layer == LAYERS - 1) {
          w.file("usr/bin/passwd", 0755, 68_000, Kind.CODE);
        }
      }
      int packages = 100;
      for (int i = 0; i < SMALL_FILES_PER_LAYER; i++) {
        String pkg = "usr/lib/pkg-" + layer + "-" + (i % packages) + "/";
        String sub = pkg + (i % 3 == 0 ? "doc/" : i % 3 == 1 ? "lib/" : "share/" + (i % 7) + "/");
        int size = (int) Math.exp(Math.log(200) + random.nextDouble() * (Math.log(16_000) - Math.log(200)));
        int choice = random.nextInt(100);
        if (choice < 55) {
          w.file(sub + "file-" + i + ".txt", 0644, size, Kind.TEXT);
        } else if (choice < 80) {
          w.file(sub + "lib" + i + ".so", 0755, size, Kind.CODE);
        } else if (choice < 90) {
          w.file(sub + "data-" + i + ".gz", 0644, size, Kind.RANDOM);
        } else if (choice < 97) {
          w.symlink(sub + "link-" + i, "file-" + (i - 1) + ".txt");
        } else {
          w.file(sub + "tool-" + i, 0755, size, Kind.CODE);
          w.hardlink(sub + "tool-" + i + ".alias", sub + "tool-" + i);
        }
      }
      for (int i = 0; i < MEDIUM_FILES_PER_LAYER; i++) {
        int size = 64_000 + random.nextInt(900_000);
        Kind kind = i % 3 == 0 ? Kind.TEXT : i % 3 == 1 ? Kind.CODE : Kind.RANDOM;
        w.file("opt/app-" + layer + "/lib/medium-" + i + (kind == Kind.CODE ? ".so" : ".dat"),
            kind == Kind.CODE ? 0755 : 0644, size, kind);
      }
      for (int i = 0; i < LARGE_FILES_PER_LAYER; i++) {
        int size = 4_000_000 + random.nextInt(12_000_000);
        w.file("opt/app-" + layer + "/bin/large-" + i, 0755, size, i == 0 ? Kind.CODE : Kind.TEXT);
      }
      files = w.files;
      tar.finish();
      tar.flush();
      gzip.finish();
      gzip.flush();
    }
    String digest = "sha256:" + HexFormat.of().formatHex(blobDigest.digest());
    Path blob = blobs.resolve(digest.substring(7));
    Files.move(partial, blob, StandardCopyOption.REPLACE_EXISTING);
    return new LayerStats(blob, digest, "sha256:" + HexFormat.of().formatHex(tarDigest.digest()),
        compressed.count, uncompressed.count, files);
  }

  private static void writeManifest(Path dir, Path blobs, List<LayerStats> layers) throws IOException {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64").put("os", "linux").put("created", "2026-11-01T00:00:00Z");
    config.putObject("config").put("User", "65532:65532").putArray("Cmd").add("/bin/sh");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    ArrayNode history = config.putArray("history");
    for (LayerStats l : layers) {
      diffIds.add(l.diffId);
      history.addObject().put("created_by", "synthetic benchmark layer");
    }
    byte[] configBytes = JSON.writeValueAsBytes(config);
    String configDigest = write(blobs, configBytes);
    ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest).put("size", configBytes.length);
    ArrayNode layerNodes = manifest.putArray("layers");
    for (LayerStats l : layers) {
      layerNodes.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
          .put("digest", l.digest).put("size", l.compressedSize);
    }
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    String manifestDigest = write(blobs, manifestBytes);
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", "application/vnd.oci.image.index.v1+json");
    ObjectNode m = index.putArray("manifests").addObject()
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json").put("digest", manifestDigest)
        .put("size", manifestBytes.length);
    m.putObject("platform").put("architecture", "amd64").put("os", "linux");
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  private enum Kind { TEXT, CODE, RANDOM }

  /** Writes tar entries, taking file content from pools of text and code-like bytes, or random bytes. */
  private static final class Writer {
    private final TarArchiveOutputStream tar;
    private final SplittableRandom random;
    private final byte[] text;
    private final byte[] code;
    private final byte[] buffer = new byte[1 << 16];
    private final java.util.Set<String> dirs = new java.util.HashSet<>();
    int files;

    Writer(TarArchiveOutputStream tar, SplittableRandom random, byte[] text, byte[] code) {
      this.tar = tar;
      this.random = random;
      this.text = text;
      this.code = code;
    }

    void dir(String name, int mode) throws IOException {
      if (!dirs.add(name)) {
        return;
      }
      TarArchiveEntry e = entry(name, TarConstants.LF_DIR, mode);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }

    void parents(String name) throws IOException {
      int slash = name.lastIndexOf('/', name.endsWith("/") ? name.length() - 2 : name.length() - 1);
      if (slash > 0) {
        String parent = name.substring(0, slash + 1);
        if (!dirs.contains(parent)) {
          parents(parent);
          dir(parent, 0755);
        }
      }
    }

    void file(String name, int mode, int size, Kind kind) throws IOException {
      parents(name);
      TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
      e.setSize(size);
      tar.putArchiveEntry(e);
      int written = 0;
      while (written < size) {
        int n = Math.min(buffer.length, size - written);
        fill(kind, n);
        if (kind == Kind.CODE && written == 0 && n >= 4) {
          // executables and shared objects are ELF files, as on a real image
          buffer[0] = 0x7f;
          buffer[1] = 'E';
          buffer[2] = 'L';
          buffer[3] = 'F';
        }
        tar.write(buffer, 0, n);
        written += n;
      }
      tar.closeArchiveEntry();
      files++;
    }

    private void fill(Kind kind, int n) {
      if (kind == Kind.RANDOM) {
        random.nextBytes(buffer);
        return;
      }
      byte[] pool = kind == Kind.TEXT ? text : code;
      int at = random.nextInt(pool.length - n);
      System.arraycopy(pool, at, buffer, 0, n);
    }

    void symlink(String name, String target) throws IOException {
      parents(name);
      TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      files++;
    }

    void hardlink(String name, String target) throws IOException {
      parents(name);
      TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      files++;
    }

    void whiteout(String name) throws IOException {
      file(name, 0, 0, Kind.TEXT);
      files--;
    }

    void opaque(String dir) throws IOException {
      file(dir + ".wh..wh..opq", 0, 0, Kind.TEXT);
      files--;
    }

    private static TarArchiveEntry entry(String name, byte type, int mode) {
      TarArchiveEntry e = new TarArchiveEntry(name, type, false);
      e.setMode(mode);
      e.setUserId(0);
      e.setGroupId(0);
      e.setModTime(1_700_000_000_000L);
      return e;
    }
  }

  /** Words of varying length in lines, like documentation, scripts and config files: compresses about 3x. */
  private static byte[] textPool(SplittableRandom random) {
    String letters = "etaoinshrdlucmfwypvbgkqjxz";
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      StringBuilder w = new StringBuilder();
      int len = 2 + random.nextInt(9);
      for (int j = 0; j < len; j++) {
        w.append(letters.charAt(Math.min(letters.length() - 1, (int) (Math.abs(random.nextGaussian()) * 7))));
      }
      words.add(w.toString());
    }
    byte[] pool = new byte[POOL];
    int at = 0;
    int line = 0;
    while (at < pool.length) {
      // a Zipf-like choice: frequent words are frequent
      String w = words.get((int) Math.min(words.size() - 1, Math.pow(random.nextDouble(), 3) * words.size()));
      byte[] b = (w + (++line % 12 == 0 ? "\n" : " ")).getBytes(StandardCharsets.US_ASCII);
      int n = Math.min(b.length, pool.length - at);
      System.arraycopy(b, 0, pool, at, n);
      at += n;
    }
    return pool;
  }

  /** Machine-code-like bytes: short random runs with repeated motifs, compresses about 2x. */
  private static byte[] codePool(SplittableRandom random) {
    byte[] pool = new byte[POOL];
    byte[][] motifs = new byte[512][];
    for (int i = 0; i < motifs.length; i++) {
      motifs[i] = new byte[4 + random.nextInt(28)];
      random.nextBytes(motifs[i]);
    }
    int at = 0;
    while (at < pool.length) {
      byte[] chunk;
      if (random.nextInt(10) < 6) {
        chunk = motifs[(int) (Math.pow(random.nextDouble(), 2) * motifs.length)];
      } else {
        chunk = new byte[1 + random.nextInt(12)];
        random.nextBytes(chunk);
      }
      int n = Math.min(chunk.length, pool.length - at);
      System.arraycopy(chunk, 0, pool, at, n);
      at += n;
    }
    return pool;
  }

  private static String write(Path blobs, byte[] content) throws IOException {
    String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(content));
    Files.write(blobs.resolve(digest.substring(7)), content);
    return digest;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** Counts bytes on their way through. */
  private static final class Counting extends java.io.FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
