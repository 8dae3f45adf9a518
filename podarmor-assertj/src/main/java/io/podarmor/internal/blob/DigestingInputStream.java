package io.podarmor.internal.blob;

import io.podarmor.image.ImageException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Computes the sha256 of everything read through it, so a blob is verified while it streams; {@link #verify}
 * drains what the consumer left unread and compares.
 */
public class DigestingInputStream extends FilterInputStream {
  private final MessageDigest digest = Digests.newSha256();
  private long count;

  public DigestingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
    }
    afterRead(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      digest.update(buf, off, n);
      count += n;
    }
    afterRead(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return Streams.skipByReading(this, n);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads to the end of the stream. */
  public void drain() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // digesting
    }
  }

  /** Called after each read with what it returned (-1 at the end); a subclass checks as the blob streams. */
  protected void afterRead(int n) {
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  /** The digest of everything read; call once, after {@link #drain()}. */
  public String digest() {
    return Digests.format(digest.digest());
  }

  /**
   * Drains the stream and checks its digest.
   *
   * @param expected the digest the blob must have
   * @param what     names the blob in the error, e.g. {@code layer 2 of oci:/tmp/layout}
   */
  public void verify(String expected, String what) throws IOException {
    drain();
    String actual = digest();
    if (!actual.equals(expected)) {
      throw new ImageException("Digest mismatch for " + what + ": expected " + expected + " but the content ("
          + count + " bytes) has digest " + actual);
    }
  }
}
