package io.podarmor.internal.source;

import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.fs.ImageLimits;
import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.verdict.Verdicts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a run learnt about content-addressed things, kept on disk for the next run: layer indexes by diff ID, which blob
 * digests were verified to hold which diff ID, and image configs by digest (a config verifies itself: its bytes hash
 * to its digest). A second run on the same images reads no layer again: a registry's blobs are not fetched, a layout's
 * blobs are hashed only, and an engine image needs no {@code docker save}.
 *
 * <p>Under {@code podarmor.cache.dir} (default {@code $XDG_CACHE_HOME/podarmor}, else {@code ~/.cache/podarmor};
 * {@code none} turns it off), in a directory per build of PodArmor's code and per limit of what an index keeps (a new
 * version never reads an older one's indexes, nor a small heap a large heap's), at most {@code podarmor.cache.max-mb}
 * MiB (default 1024), the least recently used files removed first; another build's directory is removed once none of
 * its files was used for {@value #UNUSED_DAYS} days.
 * Files are written whole under a temporary name and renamed, so two JVMs sharing the cache never read half a file;
 * each file ends with the SHA-256 of its content, and one that does not match (corrupt, truncated) is deleted and
 * rebuilt. The cache is as trusted as the user's home: whoever can write it can change what PodArmor sees.
 */
final class DiskCache {
  static final String DIR = "podarmor.cache.dir";
  static final String MAX_MB = "podarmor.cache.max-mb";
  private static final int SHA256 = 32;
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  /** The names {@link #root()} gives cache directories, this version's and others'. */
  private static final Pattern VERSION_DIR = Pattern.compile("v1-(?:[0-9a-f]{16}|unknown-[0-9a-f]+)(?:-\\d+-\\d+)?");
  /** Another build's directory none of whose files was used for this long is removed. */
  static final int UNUSED_DAYS = 30;
  /** Each cache directory's size as this JVM knows it (walked once, then counted): bounding needs no walk a write. */
  private static final Map<Path, Long> SIZES = new ConcurrentHashMap<>();

  private DiskCache() {}

  /** The layer index kept for this diff ID, when there is a sound one. */
  static Optional<LayerIndex> layer(String diffId) {
    return read("layers", diffId).flatMap(bytes -> {
      try {
        return Optional.of(LayerIndexCodec.decode(bytes));
      } catch (IOException | RuntimeException e) {
        delete("layers", diffId);
        return Optional.empty();
      }
    });
  }

  /** Keeps a layer's index under its diff ID (a layer it cannot encode, such as a path over 64 KiB, is not kept). */
  static void putLayer(String diffId, LayerIndex index) {
    if (root().isEmpty()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = LayerIndexCodec.encode(index);
    } catch (RuntimeException e) {
      return;
    }
    write("layers", diffId, bytes);
  }

  /** The diff ID a blob with this digest was verified to hold, if one was. */
  static Optional<String> verifiedDiffId(String blobDigest) {
    return read("blobs", blobDigest).map(b -> new String(b, StandardCharsets.US_ASCII))
        .filter(d -> d.matches("sha256:[0-9a-f]{64}"));
  }

  /** Records that a blob with this digest holds the tar with this diff ID (both verified). */
  static void putVerified(String blobDigest, String diffId) {
    if (root().isPresent() && verifiedDiffId(blobDigest).filter(diffId::equals).isEmpty()) {
      write("blobs", blobDigest, diffId.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The config with this digest: only bytes that hash to it. */
  static Optional<byte[]> config(String digest) {
    return read("configs", digest).filter(b -> Digests.sha256(b).equals(digest));
  }

  /** Keeps a config's bytes under their digest. */
  static void putConfig(String digest, byte[] bytes) {
    if (root().isPresent() && config(digest).isEmpty()) {
      write("configs", digest, bytes);
    }
  }

  /** This build's cache directory, or empty when the cache is off. */
  static Optional<Path> root() {
    Optional<String> configured = Verdicts.setting(DIR);
    if (configured.isPresent() && configured.get().equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    Path base = configured.map(Path::of).orElseGet(() -> {
      String xdg = System.getenv("XDG_CACHE_HOME");
      return xdg != null && !xdg.isBlank() ? Path.of(xdg, "podarmor")
          : Path.of(System.getProperty("user.home"), ".cache", "podarmor");
    });
    // an index holds what this JVM's limits let it keep: a JVM with other limits keeps its own
    return Optional.of(base.resolve("v1-" + Code.FINGERPRINT + "-" + ImageLimits.maxEntries() + "-"
        + ImageLimits.retainedPerLayer()));
  }

  /** The file of a digest; {@code null} for anything but a sha256 digest, which then is never kept nor read. */
  private static Path file(Path root, String kind, String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      return null;
    }
    return root.resolve(kind).resolve(digest.replace(':', '-'));
  }

  private static Optional<byte[]> read(String kind, String digest) {
    Optional<Path> root = root();
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Path file = file(root.get(), kind, digest);
    if (file == null) {
      return Optional.empty();
    }
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty(); // not kept (or gone meanwhile)
    }
    if (all.length < SHA256 || !MessageDigest.isEqual(sha256(all, all.length - SHA256),
        Arrays.copyOfRange(all, all.length - SHA256, all.length))) {
      delete(kind, digest);
      return Optional.empty();
    }
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // the recency is a hint only
    }
    return Optional.of(Arrays.copyOf(all, all.length - SHA256));
  }

  private static void write(String kind, String digest, byte[] content) {
    Optional<Path> root = root();
    if (root.isEmpty()) {
      return;
    }
    Path file = file(root.get(), kind, digest);
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      byte[] all = Arrays.copyOf(content, content.length + SHA256);
      System.arraycopy(sha256(content, content.length), 0, all, content.length, SHA256);
      Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
      try {
        Files.write(temp, all);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      bound(root.get(), all.length);
    } catch (IOException | RuntimeException e) {
      // an unwritable cache costs the next run its time, nothing else
    }
  }

  private static void delete(String kind, String digest) {
    root().ifPresent(r -> {
      try {
        Path file = file(r, kind, digest);
        if (file != null) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        // read again next time, and refused again
      }
    });
  }

  /** Counts a write, and removes the least recently used files when the cache outgrew its size. */
  private static synchronized void bound(Path root, long written) throws IOException {
    long max = Verdicts.setting(MAX_MB).map(v -> {
      try {
        return Long.parseLong(v) * 1024 * 1024;
      } catch (NumberFormatException e) {
        return null;
      }
    }).orElse(1024L * 1024 * 1024);
    Long known = SIZES.get(root);
    if (known == null) {
      pruneOtherVersions(root);
    }
    long total = known == null ? files(root).stream().mapToLong(DiskCache::size).sum() : known + written;
    if (total > max) {
      List<Path> files = files(root);
      total = files.stream().mapToLong(DiskCache::size).sum();
      files.sort(Comparator.comparing(DiskCache::modified));
      for (Path f : files) {
        if (total <= max) {
          break;
        }
        long size = size(f);
        if (Files.deleteIfExists(f)) {
          total -= size;
        }
      }
    }
    SIZES.put(root, total);
  }

  /**
   * Removes the directories other builds of PodArmor (or other limits) left beside this one when none of their files
   * was used for {@link #UNUSED_DAYS} days: each directory is bounded, and so, over time, is their number. Only
   * directories named as this class names them are touched.
   */
  private static void pruneOtherVersions(Path root) {
    Path base = root.getParent();
    long cutoff = System.currentTimeMillis() - UNUSED_DAYS * 24L * 3600 * 1000;
    try (Stream<Path> siblings = Files.list(base)) {
      for (Path dir : siblings.toList()) {
        if (!dir.equals(root) && VERSION_DIR.matcher(dir.getFileName().toString()).matches() && Files.isDirectory(dir)
            && files(dir).stream().allMatch(f -> modified(f).toMillis() < cutoff)) {
          deleteTree(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // left for a later run
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<Path> files(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    return files;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  private static FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static byte[] sha256(byte[] data, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, 0, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * 16 hex digits of the SHA-256 of PodArmor's own classes: of its jar's bytes, or, for a class directory (a build in
   * progress), of every file's name, size and modification time, which a compiler changes as it writes. What indexes
   * layers changes with the code, and so does the cache directory.
   */
  private static String codeFingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Path code = Path.of(DiskCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) {
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(code)) {
          classes = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path c : classes) {
          md.update((code.relativize(c) + "\0" + Files.size(c) + "\0" + Files.getLastModifiedTime(c).toInstant()
              + "\n").getBytes(StandardCharsets.UTF_8));
        }
      } else {
        try (InputStream in = Files.newInputStream(code)) {
          byte[] buffer = new byte[65536];
          for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
      return "unknown-" + Long.toHexString(System.nanoTime()); // never shares a directory it cannot vouch for
    }
  }

  /** The fingerprint of PodArmor's code: computed once per JVM, and only when the cache is on. */
  private static final class Code {
    static final String FINGERPRINT = codeFingerprint();
  }
}
