package io.podarmor.internal.source;

import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.DigestingInputStream;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.MergedFilesystem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Indexes an image's layer blobs, wherever they are read from (a layout directory, an archive, a registry): each blob is
 * read once, in parallel, checked against its digest and the config's diff ID, and merged in order.
 *
 * <p>The merged filesystem is cached by what was verified, the ordered diff IDs, never by a claim such as the config
 * digest; so is each layer's index, by its diff ID, so that images sharing a base read it once. A source that opens an image already indexed still verifies its own blobs before it is given the cached
 * index: it hashes them (a blob whose digest was once verified to hold a diff ID holds it forever), except blobs a
 * registry serves by digest, which are not read again.
 */
final class LayerIndexer {
  /** Opens a layer blob's raw bytes. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * One layer.
   *
   * @param what        names the layer in errors
   * @param digest      the blob digest the source promises, or {@code null} when it promises none (legacy archives)
   * @param compression how the blob is compressed, or {@code null} to recognise it by its first bytes
   * @param diffId      the config's diff ID for it
   * @param byDigest    true when the source serves the blob by its digest (a registry): not read again to verify
   */
  record Blob(String what, String digest, Compression compression, String diffId, Opener opener, boolean byDigest) {}

  /** A lock per diff ID being indexed now: an image that needs a layer another is reading waits for that reading. */
  private static final ConcurrentHashMap<String, Object> READING = new ConcurrentHashMap<>();

  private LayerIndexer() {}

  /** The merged filesystem of the layers, bottom first; {@code source} names the image in errors. */
  static MergedFilesystem index(String source, List<Blob> layers) {
    List<String> diffIds = new ArrayList<>();
    layers.forEach(b -> diffIds.add(b.diffId()));
    if (Caches.FILESYSTEMS.peek(diffIds).isPresent() && verifiedWithoutIndexing(layers)) {
      return Caches.FILESYSTEMS.get(diffIds, () -> merge(source, layers)).named(source);
    }
    return Caches.FILESYSTEMS.putIfAbsent(diffIds, merge(source, layers)).named(source);
  }

  /** Records that a blob with this digest holds the tar with this diff ID (both verified while reading it). */
  static void verified(String blobDigest, String diffId) {
    Caches.VERIFIED_BLOBS.putIfAbsent(blobDigest, diffId);
    DiskCache.putVerified(blobDigest, diffId);
  }

  /**
   * True when every blob is verified to hold its diff ID without indexing it: by its digest alone for a registry, by
   * hashing it for the others.
   */
  private static boolean verifiedWithoutIndexing(List<Blob> layers) {
    for (Blob b : layers) {
      String blobDigest = b.digest();
      if (!b.byDigest() || blobDigest == null) {
        if (blobDigest != null && !knownDiffId(blobDigest).filter(b.diffId()::equals).isPresent()) {
          return false; // not known: index it, which verifies it too
        }
        blobDigest = hash(b);
      }
      if (!knownDiffId(blobDigest).filter(b.diffId()::equals).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /** The digest of the blob's bytes, checked against the digest the source promises. */
  private static String hash(Blob b) {
    try (InputStream in = b.opener().open()) {
      DigestingInputStream digesting = new DigestingInputStream(in);
      digesting.drain();
      String actual = digesting.digest();
      if (b.digest() != null && !actual.equals(b.digest())) {
        throw new ImageException("Digest mismatch for " + b.what() + ": the blob's content has digest " + actual);
      }
      return actual;
    } catch (IOException e) {
      throw new ImageException(b.what() + ": cannot read the blob (" + e.getMessage() + ")", e);
    }
  }

  private static MergedFilesystem merge(String source, List<Blob> layers) {
    List<Supplier<LayerLoader.Result>> tasks = new ArrayList<>();
    for (Blob layer : layers) {
      tasks.add(() -> indexed(layer));
    }
    FilesystemMerger merger = new FilesystemMerger(source, LayerNeeds.PASS);
    int[] position = {0};
    LayerPool.inOrder(tasks, result -> {
      int i = position[0]++;
      merger.apply(result.index(), i + 1, layers.get(i).diffId());
    });
    return merger.build();
  }

  /**
   * The layer's index: the one kept for its diff ID when this blob is verified to hold that diff ID without indexing it
   * (a fleet built on one base reads the base once, also when its images are opened in parallel), else read now and
   * kept.
   */
  private static LayerLoader.Result indexed(Blob layer) {
    Object lock = READING.computeIfAbsent(layer.diffId(), d -> new Object());
    try {
      synchronized (lock) {
        Optional<LayerIndex> known = kept(layer.diffId());
        if (known.isPresent() && verifiedWithoutIndexing(List.of(layer))) {
          return new LayerLoader.Result(known.get(), layer.digest(), layer.diffId());
        }
        LayerLoader.Result result = load(layer);
        keep(result.diffId(), result.index());
        return result;
      }
    } finally {
      READING.remove(layer.diffId(), lock);
    }
  }

  /**
   * The filesystem merged from the layer indexes kept for these diff IDs, when every one is kept; for an engine image,
   * whose diff IDs the engine computed itself, so that no blob needs verifying.
   */
  static Optional<MergedFilesystem> fromKept(String source, List<String> diffIds) {
    List<LayerIndex> layers = new ArrayList<>();
    for (String diffId : diffIds) {
      Optional<LayerIndex> kept = kept(diffId);
      if (kept.isEmpty()) {
        return Optional.empty();
      }
      layers.add(kept.get());
    }
    FilesystemMerger merger = new FilesystemMerger(source, LayerNeeds.PASS);
    for (int i = 0; i < layers.size(); i++) {
      merger.apply(layers.get(i), i + 1, diffIds.get(i));
    }
    return Optional.of(merger.build());
  }

  /** The index kept for a diff ID, in memory or on disk (then kept in memory too). */
  static Optional<LayerIndex> kept(String diffId) {
    Optional<LayerIndex> known = Caches.LAYERS.peek(diffId);
    if (known.isEmpty()) {
      known = DiskCache.layer(diffId).map(index -> Caches.LAYERS.putIfAbsent(diffId, index));
    }
    return known;
  }

  /** Keeps a verified layer's index by its diff ID, in memory and on disk. */
  static void keep(String diffId, LayerIndex index) {
    if (Caches.LAYERS.peek(diffId).isEmpty()) {
      Caches.LAYERS.putIfAbsent(diffId, index);
      DiskCache.putLayer(diffId, index);
    }
  }

  /** The diff ID a blob with this digest was verified to hold, in this run or (on disk) an earlier one. */
  private static Optional<String> knownDiffId(String blobDigest) {
    Optional<String> known = Caches.VERIFIED_BLOBS.peek(blobDigest);
    if (known.isEmpty()) {
      known = DiskCache.verifiedDiffId(blobDigest).map(d -> Caches.VERIFIED_BLOBS.putIfAbsent(blobDigest, d));
    }
    return known;
  }

  private static LayerLoader.Result load(Blob layer) {
    LayerLoader.Result result;
    try (InputStream in = layer.opener().open()) {
      Caches.LAYERS_INDEXED.incrementAndGet();
      result = LayerLoader.load(in, layer.compression(), layer.what());
    } catch (IOException e) {
      throw new ImageException(layer.what() + ": cannot read the blob (" + e.getMessage() + ")", e);
    } catch (ImageException unreadable) {
      if (layer.digest() != null && !layer.byDigest()) {
        hash(layer); // a blob that is not what its digest says: that is the error to report
      }
      throw unreadable;
    }
    if (layer.digest() != null && !result.blobDigest().equals(layer.digest())) {
      throw new ImageException("Digest mismatch for " + layer.what() + ": the blob's content has digest "
          + result.blobDigest());
    }
    if (!result.diffId().equals(layer.diffId())) {
      throw new ImageException("Digest mismatch for " + layer.what() + ": the config gives diff ID "
          + layer.diffId() + " but the uncompressed layer has digest " + result.diffId());
    }
    verified(result.blobDigest(), result.diffId());
    return result;
  }
}
