package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.Binaries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProgramSnifferTest {

  @Test
  void identifiesBusyboxByItsContent() throws IOException {
    try (InputStream in = Files.newInputStream(Binaries.busybox())) {
      assertThat(ProgramSniffer.identify(in)).isEqualTo("busybox");
    }
  }

  @Test
  void aStaticBinaryThatIsNoShellIsNotIdentified() throws IOException {
    try (InputStream in = Files.newInputStream(Binaries.catatonit())) {
      assertThat(ProgramSniffer.identify(in)).isNull();
    }
  }

  @Test
  void findsAMarkerThatStraddlesTwoReads() throws IOException {
    byte[] marker = "GNU bash, version 5.2".getBytes(StandardCharsets.US_ASCII);
    for (int at = 65536 - marker.length; at <= 65536 + 1; at++) {
      byte[] content = new byte[200_000];
      Arrays.fill(content, (byte) 'x');
      System.arraycopy(marker, 0, content, at, marker.length);
      assertThat(ProgramSniffer.identify(new TrickleStream(content, 65536))).as("marker at %d", at)
          .isEqualTo("bash");
    }
  }

  @Test
  void findsMarkersWhateverSizesTheStreamReturns() throws IOException {
    byte[] content = new byte[10_000];
    byte[] marker = "Usage: toybox".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marker, 0, content, 9_000, marker.length);
    assertThat(ProgramSniffer.identify(new TrickleStream(content, 7))).isEqualTo("toybox");
  }

  @Test
  void readsTheWholeStreamEvenAfterAMatch() throws IOException {
    byte[] content = new byte[300_000];
    System.arraycopy("BusyBox v1.36".getBytes(StandardCharsets.US_ASCII), 0, content, 10, 13);
    ByteArrayInputStream in = new ByteArrayInputStream(content);
    assertThat(ProgramSniffer.identify(in)).isEqualTo("busybox");
    assertThat(in.available()).isZero();
  }

  @Test
  void onlyExecutablesWithinTheSizeLimitAreScanned() {
    assertThat(ProgramSniffer.shouldScan(0755, 10)).isTrue();
    assertThat(ProgramSniffer.shouldScan(0100, 10)).isTrue();
    assertThat(ProgramSniffer.shouldScan(0644, 10)).isFalse();
    assertThat(ProgramSniffer.shouldScan(0755, 0)).isFalse();
    assertThat(ProgramSniffer.shouldScan(0755, ProgramSniffer.MAX_SCANNED_SIZE + 1)).isFalse();
  }

  /** Returns at most {@code chunk} bytes per read, as a tar entry stream may. */
  private static final class TrickleStream extends ByteArrayInputStream {
    private final int chunk;

    TrickleStream(byte[] content, int chunk) {
      super(content);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
