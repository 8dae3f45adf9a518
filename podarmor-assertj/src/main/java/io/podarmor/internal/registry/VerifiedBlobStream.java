package io.podarmor.internal.registry;

import io.podarmor.internal.blob.Streams;
import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.DigestingInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob as it streams from the registry: digested on the way, checked against the expected digest and size when
 * the stream ends. A reader that stops early verifies nothing; {@link #verify()} drains and checks.
 */
final class VerifiedBlobStream extends FilterInputStream {
  private final DigestingInputStream digesting;
  private final String expectedDigest;
  private final long expectedSize;
  private final String what;
  private boolean verified;

  VerifiedBlobStream(InputStream body, String expectedDigest, long expectedSize, String what) {
    this(new DigestingInputStream(body), expectedDigest, expectedSize, what);
  }

  private VerifiedBlobStream(DigestingInputStream digesting, String expectedDigest, long expectedSize,
      String what) {
    super(digesting);
    this.digesting = digesting;
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    after(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    after(n);
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

  /** Reads what is left and checks digest and size. */
  void verify() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // digesting
    }
  }

  private void after(int n) {
    if (expectedSize >= 0 && digesting.count() > expectedSize) {
      throw new ImageException("Size mismatch for " + what + ": the registry sent more than the " + expectedSize
          + " bytes its descriptor gives");
    }
    if (n < 0 && !verified) {
      verified = true;
      String actual = digesting.digest();
      if (!actual.equals(expectedDigest)) {
        throw new ImageException("Digest mismatch for " + what + ": expected " + expectedDigest
            + " but the content (" + digesting.count() + " bytes) has digest " + actual);
      }
      if (expectedSize >= 0 && digesting.count() != expectedSize) {
        throw new ImageException("Size mismatch for " + what + ": its descriptor gives " + expectedSize
            + " bytes but the registry sent " + digesting.count());
      }
    }
  }
}
