package io.podarmor.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReadAheadDigestTest {
  private static final int CHUNK = 1 << 18;

  @Property(tries = 60)
  void theReaderGetsEveryByteInOrderAndTheDigestCoversTheWholeBlob(@ForAll @IntRange(max = 4 * CHUNK + 3) int size,
      @ForAll long seed) throws IOException {
    byte[] blob = bytes(size, seed);
    assertThat(copyThrough(blob, seed)).isEqualTo(blob);
  }

  @Property(tries = 30)
  void whatTheReaderLeavesIsDigestedByDrain(@ForAll @IntRange(max = 3 * CHUNK) int size,
      @ForAll @IntRange(max = 3 * CHUNK) int read) throws IOException {
    byte[] blob = bytes(size, size);
    try (ReadAheadDigest in = new ReadAheadDigest(new ByteArrayInputStream(blob))) {
      assertThat(in.readNBytes(read)).isEqualTo(java.util.Arrays.copyOf(blob, Math.min(read, size)));
      in.drain();
      assertThat(in.digest()).isEqualTo(Digests.sha256(blob));
      assertThat(in.count()).isEqualTo(size);
    }
  }

  /** Reads the blob through the stream with reads of random sizes and single bytes, then drains the rest. */
  private static byte[] copyThrough(byte[] blob, long seed) throws IOException {
    Random reads = new Random(seed);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try (ReadAheadDigest in = new ReadAheadDigest(new ByteArrayInputStream(blob))) {
      byte[] buf = new byte[70_000];
      while (true) {
        if (reads.nextInt(4) == 0) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          seen.write(b);
        } else {
          int n = in.read(buf, 0, 1 + reads.nextInt(buf.length));
          if (n < 0) {
            break;
          }
          seen.write(buf, 0, n);
        }
      }
      assertThat(in.read()).isEqualTo(-1);
      in.drain();
      assertThat(in.digest()).isEqualTo(Digests.sha256(blob));
    }
    return seen.toByteArray();
  }

  @Test
  void closingEarlyStopsTheReadingThreadAndLeavesTheStreamBeneathToTheCaller() throws IOException {
    byte[] blob = bytes(40 * CHUNK, 7);
    ByteArrayInputStream beneath = new ByteArrayInputStream(blob);
    AtomicReference<Thread> reader = new AtomicReference<>();
    InputStream watched = new FilterInputStream(beneath) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        reader.set(Thread.currentThread());
        return super.read(b, off, len);
      }
    };
    ReadAheadDigest in = new ReadAheadDigest(watched);
    assertThat(in.read()).isEqualTo(blob[0] & 0xff);
    in.close();
    assertThat(reader.get().isAlive()).isFalse();
    int left = beneath.available();
    assertThat(left).isPositive().isLessThan(blob.length).isEqualTo(blob.length - (blob.length - left) / CHUNK * CHUNK);
    // the caller reads on from a chunk's end, where the reading thread stopped
    assertThat(beneath.read()).isEqualTo(blob[blob.length - left] & 0xff);
  }

  @Test
  void aFailureBeneathReachesTheReaderAfterTheBytesBeforeIt() throws IOException {
    byte[] blob = bytes(3 * CHUNK, 11);
    InputStream failing = new FilterInputStream(new ByteArrayInputStream(blob)) {
      private int served;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (served >= CHUNK + 100) {
          throw new IOException("the engine closed the connection");
        }
        int n = super.read(b, off, Math.min(len, CHUNK + 100 - served));
        served += Math.max(n, 0);
        return n;
      }
    };
    try (ReadAheadDigest in = new ReadAheadDigest(failing)) {
      assertThat(in.readNBytes(CHUNK)).isEqualTo(java.util.Arrays.copyOf(blob, CHUNK));
      assertThatThrownBy(() -> in.readNBytes(CHUNK)).isInstanceOf(IOException.class)
          .hasMessage("the engine closed the connection");
    }
  }

  @Test
  void anImageExceptionBeneathIsThrownAsItIs() {
    InputStream mismatched = new InputStream() {
      @Override
      public int read() {
        throw new ImageException("Digest mismatch for layer 1 of oci:/x");
      }

      @Override
      public int read(byte[] b, int off, int len) {
        throw new ImageException("Digest mismatch for layer 1 of oci:/x");
      }
    };
    try (ReadAheadDigest in = new ReadAheadDigest(mismatched)) {
      assertThatThrownBy(in::drain).isInstanceOf(ImageException.class)
          .hasMessage("Digest mismatch for layer 1 of oci:/x");
    }
  }

  @Test
  void theDigestIsRefusedBeforeTheEnd() throws IOException {
    try (ReadAheadDigest in = new ReadAheadDigest(new ByteArrayInputStream(bytes(10, 1)))) {
      in.read();
      assertThatThrownBy(in::digest).isInstanceOf(IllegalStateException.class)
          .hasMessage("the blob is not read to its end");
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
