package io.podarmor.internal.source;

import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.DigestingInputStream;
import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.internal.fs.LayerReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Streams one layer blob once: digests the raw bytes, decompresses, digests the tar and indexes it. */
final class LayerLoader {
  /** A layer read from a blob: its index, the digest of the blob and of the uncompressed tar (the diff ID). */
  static final class Result {
    final LayerIndex index;
    final String blobDigest;
    final String diffId;

    Result(LayerIndex index, String blobDigest, String diffId) {
      this.index = index;
      this.blobDigest = blobDigest;
      this.diffId = diffId;
    }
  }

  private LayerLoader() {}

  /**
   * Reads the blob to its end; compression {@code null} means: sniff it from the first bytes.
   *
   * @param what names the layer in errors
   */
  static Result load(InputStream blob, Compression compression, String what) {
    try {
      DigestingInputStream raw = new DigestingInputStream(blob);
      BufferedInputStream buffered = new BufferedInputStream(raw, 65536);
      Compression c = compression;
      if (c == null) {
        buffered.mark(8);
        byte[] head = new byte[4];
        int n = buffered.readNBytes(head, 0, 4);
        buffered.reset();
        c = Compression.sniff(head, n);
      }
      DigestingInputStream tar = new DigestingInputStream(c.decompress(buffered));
      LayerIndex index = LayerReader.read(tar, what);
      tar.drain();
      raw.drain();
      return new Result(index, raw.digest(), tar.digest());
    } catch (ImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageException(what + ": cannot decompress the layer (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }
}
