package io.podarmor.internal.source;

import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.Compression;
import io.podarmor.internal.blob.DigestingInputStream;
import io.podarmor.internal.blob.ReadAheadDigest;
import io.podarmor.internal.fs.LayerIndex;
import io.podarmor.internal.fs.LayerReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Streams one layer blob once: digests the raw bytes, decompresses, digests the tar and indexes it. */
final class LayerLoader {
  /** A layer read from a blob: its index, the digest of the blob and of the uncompressed tar (the diff ID). */
  record Result(LayerIndex index, String blobDigest, String diffId) {}

  private LayerLoader() {}

  /**
   * Reads the blob to its end; compression {@code null} means: sniff it from the first bytes.
   *
   * @param what names the layer in errors
   */
  static Result load(InputStream blob, Compression compression, String what) {
    // the blob is read and digested on a thread of its own while this one parses
    try (ReadAheadDigest raw = new ReadAheadDigest(blob)) {
      BufferedInputStream buffered = new BufferedInputStream(raw, 65536);
      Compression c = compression;
      if (c == null) {
        buffered.mark(8);
        byte[] head = new byte[4];
        int n = buffered.readNBytes(head, 0, 4);
        buffered.reset();
        c = Compression.sniff(head, n);
      }
      if (c == Compression.NONE) {
        // the blob is the tar: one digest is both
        LayerIndex index = LayerReader.read(buffered, what, LayerNeeds.PASS);
        raw.drain();
        String digest = raw.digest();
        return new Result(index, digest, digest);
      }
      DigestingInputStream tar = new DigestingInputStream(new Decompressed(decompress(c, buffered, what), c, what));
      // the tar reader reads 512-byte headers and small files: serve those from memory, inflate in big chunks
      LayerIndex index = LayerReader.read(new BufferedInputStream(tar, 65536), what, LayerNeeds.PASS);
      tar.drain();
      raw.drain();
      return new Result(index, raw.digest(), tar.digest());
    } catch (ImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageException(what + ": cannot read the layer (" + describe(e) + ")", e);
    }
  }

  private static InputStream decompress(Compression c, InputStream in, String what) {
    try {
      return c.decompress(in);
    } catch (IOException | RuntimeException e) {
      throw Decompressed.failure(c, what, e);
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Turns a decompressor's failure into an error that says so, rather than one about the tar inside. */
  private static final class Decompressed extends FilterInputStream {
    private final Compression compression;
    private final String what;

    Decompressed(InputStream in, Compression compression, String what) {
      super(in);
      this.compression = compression;
      this.what = what;
    }

    static ImageException failure(Compression compression, String what, Exception e) {
      if (e instanceof ImageException own) {
        // the compressed blob beneath failed its own check (its digest): said as is, whenever the decompressor
        // reads its end (Java 23 and later read past a gzip member, looking for another)
        return own;
      }
      return new ImageException(what + ": cannot decompress the layer as "
          + compression.name().toLowerCase(Locale.ROOT) + " (" + describe(e) + ")", e);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        throw failure(compression, what, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw failure(compression, what, e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException | RuntimeException e) {
        throw failure(compression, what, e);
      }
    }
  }
}
