package io.podarmor.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
  private static final byte[] CONTENT = "hello, layer\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

  @Test
  void digestsEverythingIncludingWhatTheConsumerSkippedOrLeft() throws IOException {
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(CONTENT));
    in.read();
    in.read(new byte[100], 0, 100);
    in.skip(5000);
    in.verify(Digests.sha256(CONTENT), "blob");
    assertThat(in.count()).isEqualTo(CONTENT.length);
  }

  @Test
  void aMismatchNamesTheBlobAndBothDigests() {
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(CONTENT));
    String wrong = Digests.sha256(new byte[0]);
    assertThatThrownBy(() -> in.verify(wrong, "layer 1 of oci:/x")).isInstanceOf(ImageException.class)
        .hasMessage("Digest mismatch for layer 1 of oci:/x: expected " + wrong + " but the content ("
            + CONTENT.length + " bytes) has digest " + Digests.sha256(CONTENT));
  }

  @Test
  void digestForms() {
    assertThat(Digests.isSha256("sha256:" + "a".repeat(64))).isTrue();
    assertThat(Digests.isSha256("sha256:" + "A".repeat(64))).isFalse();
    assertThat(Digests.isSha256("sha512:" + "a".repeat(128))).isFalse();
    assertThat(Digests.shortHex("sha256:0123456789abcdef" + "0".repeat(48))).isEqualTo("0123456789ab");
    assertThatThrownBy(() -> Digests.requireSha256("md5:abc", "manifest of oci:/x"))
        .isInstanceOf(ImageException.class)
        .hasMessage("manifest of oci:/x: unsupported or malformed digest 'md5:abc', expected sha256:<64 lowercase "
            + "hex digits>");
  }
}
