package io.podarmor.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.internal.sigstore.Dsse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedPayloadsTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reads_the_digest_a_simple_signing_payload_names() throws Exception {
    assertThat(SignedPayloads.simpleSigningDigest(utf8("{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},"
        + "\"image\":{\"docker-manifest-digest\":\"" + DIGEST + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}"))).isEqualTo(DIGEST);
  }

  @Test
  void rejects_payloads_that_do_not_name_a_sha256_digest() {
    assertThatThrownBy(() -> SignedPayloads.simpleSigningDigest(utf8("not json")))
        .hasMessage("payload is not a cosign simple-signing document (not valid JSON)");
    assertThatThrownBy(() -> SignedPayloads.simpleSigningDigest(utf8("{\"critical\":{}}")))
        .hasMessage("payload has no critical.image.docker-manifest-digest: not a cosign simple-signing document");
    assertThatThrownBy(() -> SignedPayloads.simpleSigningDigest(utf8(
        "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"sha512:00\"}}}")))
        .hasMessage("payload names 'sha512:00', not a sha256 digest");
  }

  @Test
  void reads_the_subjects_of_a_cosign_v3_signature_statement_and_refuses_attestations() throws Exception {
    String subject = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
        + DIGEST.substring(7) + "\"}}],\"predicateType\":\"%s\",\"predicate\":{}}";
    assertThat(SignedPayloads.statementDigests(utf8(String.format(subject, SignedPayloads.COSIGN_SIGN_PREDICATE))))
        .containsExactly(DIGEST);
    assertThatThrownBy(() -> SignedPayloads.statementDigests(utf8(String.format(subject,
        "https://spdx.dev/Document"))))
        .hasMessage("an attestation (predicate type https://spdx.dev/Document), not an image signature"
            + " (https://sigstore.dev/cosign/sign/v1)");
  }

  @Test
  void dsse_pre_authentication_encoding() {
    assertThat(new String(Dsse.pae("application/vnd.in-toto+json", utf8("{}")), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 28 application/vnd.in-toto+json 2 {}");
  }
}
