package io.podarmor.internal.source;

import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.MergedFilesystem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Indexes an image's layer blobs, wherever they are read from (a layout directory, a registry): each blob is read
 * once, in parallel, checked against its descriptor's digest and the config's diff ID, and merged in order.
 */
final class LayerIndexer {
  /** Opens a layer blob's raw bytes. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /** One layer: how it is named in errors, its descriptor, the config's diff ID for it, and how to read it. */
  static final class Blob {
    final String what;
    final Descriptor descriptor;
    final String diffId;
    final Opener opener;

    Blob(String what, Descriptor descriptor, String diffId, Opener opener) {
      this.what = what;
      this.descriptor = descriptor;
      this.diffId = diffId;
      this.opener = opener;
    }
  }

  private LayerIndexer() {}

  /** The merged filesystem of the layers, bottom first; {@code source} names the image in errors. */
  static MergedFilesystem index(String source, List<Blob> layers) {
    List<Supplier<LayerLoader.Result>> tasks = new ArrayList<>();
    for (Blob layer : layers) {
      tasks.add(() -> load(layer));
    }
    FilesystemMerger merger = new FilesystemMerger(source);
    int[] position = {0};
    LayerPool.inOrder(tasks, result -> {
      int i = position[0]++;
      merger.apply(result.index, i + 1, layers.get(i).diffId);
    });
    return merger.build();
  }

  private static LayerLoader.Result load(Blob layer) {
    Compression compression = Compression.forLayerMediaType(layer.descriptor.mediaType, layer.what);
    LayerLoader.Result result;
    try (InputStream in = layer.opener.open()) {
      result = LayerLoader.load(in, compression, layer.what);
    } catch (IOException e) {
      throw new ImageException(layer.what + ": cannot read the blob (" + e.getMessage() + ")", e);
    }
    if (!result.blobDigest.equals(layer.descriptor.digest)) {
      throw new ImageException("Digest mismatch for " + layer.what + ": the blob's content has digest "
          + result.blobDigest);
    }
    if (!result.diffId.equals(layer.diffId)) {
      throw new ImageException("Digest mismatch for " + layer.what + ": the config gives diff ID " + layer.diffId
          + " but the uncompressed layer has digest " + result.diffId);
    }
    return result;
  }
}
