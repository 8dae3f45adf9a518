package io.podarmor.internal.registry;

import io.podarmor.image.ImageException;
import io.podarmor.internal.blob.DigestingInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob as it streams from the registry: digested on the way, checked against the expected digest and size when
 * the stream ends. A reader that stops early verifies nothing; {@link #verify()} drains and checks.
 */
final class VerifiedBlobStream extends DigestingInputStream {
  private final String expectedDigest;
  private final long expectedSize;
  private final String what;
  private boolean verified;

  VerifiedBlobStream(InputStream body, String expectedDigest, long expectedSize, String what) {
    super(body);
    this.expectedDigest = expectedDigest;
    this.expectedSize = expectedSize;
    this.what = what;
  }

  /** Reads what is left and checks digest and size. */
  void verify() throws IOException {
    drain();
  }

  @Override
  protected void afterRead(int n) {
    if (expectedSize >= 0 && count() > expectedSize) {
      throw new ImageException("Size mismatch for " + what + ": the registry sent more than the " + expectedSize
          + " bytes its descriptor gives");
    }
    if (n < 0 && !verified) {
      verified = true;
      String actual = digest();
      if (!actual.equals(expectedDigest)) {
        throw new ImageException("Digest mismatch for " + what + ": expected " + expectedDigest
            + " but the content (" + count() + " bytes) has digest " + actual);
      }
      if (expectedSize >= 0 && count() != expectedSize) {
        throw new ImageException("Size mismatch for " + what + ": its descriptor gives " + expectedSize
            + " bytes but the registry sent " + count());
      }
    }
  }
}
