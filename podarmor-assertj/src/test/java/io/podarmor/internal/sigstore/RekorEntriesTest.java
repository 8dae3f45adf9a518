package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.TestSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transparency-log entries of key-based signatures, against a test Sigstore's Rekor: what verifies, what not. */
class RekorEntriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    static Path tmp;
    static TestSigstore sigstore;
    static RekorEntries log;
    static CosignSigner signer;

    @BeforeAll
    static void mint() {
        sigstore = TestSigstore.create("tlogkey-unit");
        log = new RekorEntries(TrustedRoot.load(sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"))));
        signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CosignSigner.Algorithm.class)
    void aLoggedLegacySignatureVerifiesWithItsKey(CosignSigner.Algorithm algorithm) throws Exception {
        CosignSigner s = CosignSigner.generate(algorithm);
        LegacySignatureParts l = LegacySignatureParts.of(sigstore.logged(s).legacySignature("x", DIGEST));
        assertThat(log.verifyLegacy(l.bundle, l.payload, l.signature, LoggedSigner.publicKey(key(s))))
                .isEqualTo(sigstore.integratedTime());
    }

    @Test
    void aLoggedBundleVerifiesWithItsKey() throws Exception {
        JsonNode bundle = JSON.readTree(sigstore.logged(signer).bundle(DIGEST));
        assertThat(log.verifyBundle(bundle, payload(bundle), signature(bundle), LoggedSigner.publicKey(key(signer))))
                .isEqualTo(sigstore.integratedTime());
    }

    @Test
    void anEntryIsNotTheSignatureOfAnotherKey() throws Exception {
        CosignSigner other = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
        LegacySignatureParts l = LegacySignatureParts.of(sigstore.logged(signer).legacySignature("x", DIGEST));
        assertThatThrownBy(() -> log.verifyLegacy(l.bundle, l.payload, l.signature,
                LoggedSigner.publicKey(key(other)))).hasMessage("the Rekor entry logs another key");
        JsonNode bundle = JSON.readTree(sigstore.logged(signer).bundle(DIGEST));
        assertThatThrownBy(() -> log.verifyBundle(bundle, payload(bundle), signature(bundle),
                LoggedSigner.publicKey(key(other)))).hasMessage("the tlog entry logs another signature or key");
    }

    @Test
    void anEntryOfAnotherPayloadDoesNotCount() throws Exception {
        LegacySignatureParts logged = LegacySignatureParts.of(sigstore.logged(signer).legacySignature("x", DIGEST));
        LegacySignatureParts other = LegacySignatureParts.of(signer.legacySignature("y", DIGEST));
        assertThatThrownBy(() -> log.verifyLegacy(logged.bundle, other.payload, other.signature,
                LoggedSigner.publicKey(key(signer)))).hasMessageStartingWith("the Rekor entry logs payload hash ");
    }

    @Test
    void noEntryIsRejected() throws Exception {
        LegacySignatureParts l = LegacySignatureParts.of(signer.legacySignature("x", DIGEST));
        assertThatThrownBy(() -> log.verifyLegacy(l.bundle, l.payload, l.signature,
                LoggedSigner.publicKey(key(signer))))
                .hasMessage("no transparency-log entry (no dev.sigstore.cosign/bundle annotation)");
        JsonNode bundle = JSON.readTree(signer.bundle(DIGEST, CosignSigner.SIGN_PREDICATE));
        assertThatThrownBy(() -> log.verifyBundle(bundle, payload(bundle), signature(bundle),
                LoggedSigner.publicKey(key(signer))))
                .hasMessage("no transparency-log entry (the bundle has no tlogEntries)");
    }

    private static PublicKey key(CosignSigner s) throws Exception {
        Path pem = s.writePublicKey(Files.createTempFile(tmp, "key", ".pub"));
        return PublicKeys.parsePem(Files.readString(pem), pem.toString());
    }

    private static byte[] payload(JsonNode bundle) {
        return Base64.getDecoder().decode(bundle.get("dsseEnvelope").get("payload").asText());
    }

    private static byte[] signature(JsonNode bundle) {
        return Base64.getDecoder().decode(bundle.get("dsseEnvelope").get("signatures").get(0).get("sig").asText());
    }
}
