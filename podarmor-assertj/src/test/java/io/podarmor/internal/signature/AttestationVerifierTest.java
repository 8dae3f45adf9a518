package io.podarmor.internal.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.internal.sigstore.Dsse;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AttestationVerifier} on envelopes and bundles made here with a real ECDSA P-256 key: no registry. */
class AttestationVerifierTest {
  static final String MANIFEST = "sha256:" + "1a".repeat(32);
  static final String INDEX = "sha256:" + "2b".repeat(32);
  static final String IN_TOTO = "application/vnd.in-toto+json";
  @TempDir static Path tmp;
  static CosignSigner signer;
  static TrustPolicy policy;

  @BeforeAll
  static void keys() {
    signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    policy = TrustPolicy.publicKey(signer.writePublicKey(tmp.resolve("cosign.pub")));
  }

  static byte[] statement(String subject) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"https://spdx.dev/Document\","
        + "\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\"" + TestImage.hex(subject) + "\"}}],"
        + "\"predicate\":{}}").getBytes(StandardCharsets.UTF_8);
  }

  static String sig(byte[] payload, String type) {
    return Base64.getEncoder().encodeToString(signer.sign(Dsse.pae(type, payload)));
  }

  static byte[] envelope(byte[] payload, String type, String... sigs) {
    StringBuilder s = new StringBuilder();
    for (String sig : sigs) {
      s.append(s.length() == 0 ? "" : ",").append("{\"keyid\":\"\",\"sig\":\"").append(sig).append("\"}");
    }
    return ("{\"payloadType\":\"" + type + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(payload)
        + "\",\"signatures\":[" + s + "]}").getBytes(StandardCharsets.UTF_8);
  }

  static AttestationVerifier verifier() throws AttestationVerifier.Rejected {
    return AttestationVerifier.of(policy, MANIFEST, INDEX);
  }

  @Test
  void a_statement_about_the_index_counts_and_names_the_key() throws Exception {
    byte[] payload = statement(INDEX);
    Signature s = verifier().verifyLegacy("here", envelope(payload, IN_TOTO, sig(payload, IN_TOTO)), Map.of());
    assertThat(s.signedDigest()).isEqualTo(INDEX);
    assertThat(s.keyFingerprint()).contains(signer.fingerprint());
    assertThat(s.location()).isEqualTo("here");
  }

  @Test
  void a_bundle_over_a_statement_about_the_manifest_counts() throws Exception {
    byte[] payload = statement(MANIFEST);
    String bundle = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{},"
        + "\"dsseEnvelope\":" + new String(envelope(payload, IN_TOTO, sig(payload, IN_TOTO)), StandardCharsets.UTF_8)
        + "}";
    Signature s = verifier().verifyBundle("there", bundle.getBytes(StandardCharsets.UTF_8));
    assertThat(s.kind()).isEqualTo(Signature.Kind.SIGSTORE_BUNDLE);
    assertThat(s.signedDigest()).isEqualTo(MANIFEST);
  }

  @Test
  void envelopes_that_cannot_count_say_why() throws Exception {
    byte[] payload = statement(MANIFEST);
    String good = sig(payload, IN_TOTO);
    AttestationVerifier v = verifier();
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> v.verifyLegacy("x", envelope(payload, IN_TOTO, good, good), Map.of()))
        .withMessage("DSSE envelope has 2 signatures, expected 1");
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> v.verifyLegacy("x", envelope(payload, "text/plain", sig(payload, "text/plain")), Map.of()))
        .withMessage("DSSE payload type text/plain, expected application/vnd.in-toto+json");
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> v.verifyLegacy("x", "[]".getBytes(StandardCharsets.UTF_8), Map.of()))
        .withMessage("not a DSSE envelope (not a JSON object)");
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> v.verifyLegacy("x", envelope(payload, IN_TOTO), Map.of(
            "dev.cosignproject.cosign/signature", "not base64!")))
        .withMessage("dev.cosignproject.cosign/signature annotation is not base64");
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> v.verifyLegacy("x", envelope("{\"subject\":[]}".getBytes(StandardCharsets.UTF_8), IN_TOTO,
            good), Map.of()))
        .withMessage("in-toto statement names no sha256 subject");
  }

  @Test
  void a_keyless_policy_does_not_take_a_key_signed_attestation() throws Exception {
    byte[] payload = statement(MANIFEST);
    TrustPolicy keyless = TrustPolicy.keyless("release@acme.example", "https://accounts.google.com");
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> AttestationVerifier.of(keyless, MANIFEST, null).verifyLegacy("x",
            envelope(payload, IN_TOTO, sig(payload, IN_TOTO)), Map.of()))
        .withMessage("signed with a key, not by a keyless signer; the policy wants " + keyless);
  }

  @Test
  void an_unusable_key_file_is_named() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.pub"), "not a key");
    assertThatExceptionOfType(AttestationVerifier.Rejected.class)
        .isThrownBy(() -> AttestationVerifier.of(TrustPolicy.publicKey(bad), MANIFEST, null))
        .withMessageStartingWith("public key " + bad); // the rest is the key reader's wording
  }
}
