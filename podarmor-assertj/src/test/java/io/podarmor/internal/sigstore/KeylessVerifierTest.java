package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyless verifier against a test Sigstore minted here: what verifies, and each rejection's reason. */
class KeylessVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String EMAIL = "release@acme.example";
    private static final String ISSUER = "https://issuer.sigstore.test";

    @TempDir
    static Path tmp;
    static TestSigstore sigstore;
    static KeylessVerifier verifier;
    static TestSigstore.Signer signer;

    @BeforeAll
    static void mint() {
        sigstore = TestSigstore.create("sigstore-unit");
        verifier = new KeylessVerifier(TrustedRoot.load(sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"))));
        signer = sigstore.leaf(EMAIL, ISSUER).issue();
    }

    // ---- legacy

    @Test
    void legacySignatureVerifiesAndNamesTheSigner() throws Exception {
        KeylessVerifier.Signer s = legacy(signer.legacySignature("x", DIGEST));
        assertThat(s.identity()).isEqualTo(EMAIL);
        assertThat(s.issuer()).isEqualTo(ISSUER);
        assertThat(s.integratedTime()).isEqualTo(sigstore.integratedTime());
    }

    @Test
    void uriIdentityAndTheV1IssuerExtensionAreRead() throws Exception {
        String uri = "https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main";
        KeylessVerifier.Signer s = legacy(sigstore.leaf(uri, ISSUER).issuerV1Only().issue()
                .legacySignature("x", DIGEST));
        assertThat(s.identity()).isEqualTo(uri);
        assertThat(s.issuer()).isEqualTo(ISSUER);
    }

    @Test
    void tamperedPayloadIsRejected() {
        assertThatThrownBy(() -> legacy(signer.tamperedLegacySignature("x", DIGEST)))
                .hasMessage("the signature does not verify with the certificate's key (payload or signature altered)");
    }

    @Test
    void missingLogEntryIsRejected() {
        assertThatThrownBy(() -> legacy(signer.legacySignatureWithoutLogEntry("x", DIGEST)))
                .hasMessage("no transparency-log entry (no dev.sigstore.cosign/bundle annotation)");
    }

    @Test
    void certificateExpiredAtTheIntegratedTimeIsRejected() {
        java.time.Instant t = sigstore.integratedTime();
        TestSigstore.Signer expired = sigstore.leaf(EMAIL, ISSUER)
                .validity(t.minus(2, ChronoUnit.HOURS), t.minus(1, ChronoUnit.HOURS)).issue();
        assertThatThrownBy(() -> legacy(expired.legacySignature("x", DIGEST)))
                .hasMessage("the certificate was not valid at the log's integrated time " + t + " (valid from "
                        + t.minus(2, ChronoUnit.HOURS) + " to " + t.minus(1, ChronoUnit.HOURS) + ")");
    }

    @Test
    void untrustedCaIsRejected() {
        TestSigstore rogue = TestSigstore.create("sigstore-rogue");
        TestSigstore.Signer s = sigstore.leaf(EMAIL, ISSUER).issuedBy(rogue).issue();
        assertThatThrownBy(() -> legacy(s.legacySignature("x", DIGEST)))
                .hasMessage("the certificate does not chain to a Fulcio CA of the trusted root valid when it was issued ("
                        + sigstore.integratedTime().minus(1, ChronoUnit.MINUTES) + ")");
    }

    @Test
    void forgedSctIsRejected() {
        TestSigstore.Signer s = sigstore.leaf(EMAIL, ISSUER).forgedSct().issue();
        assertThatThrownBy(() -> legacy(s.legacySignature("x", DIGEST)))
                .hasMessage("the embedded SCT does not verify with a CT log of the trusted root");
    }

    @Test
    void anotherRekorIsNotTrusted() throws Exception {
        TestSigstore other = TestSigstore.create("sigstore-other");
        KeylessVerifier otherVerifier = new KeylessVerifier(TrustedRoot.load(other.writeTrustedRoot(
                tmp.resolve("other_root.json"))));
        LegacySignatureParts l = LegacySignatureParts.of(signer.legacySignature("x", DIGEST));
        assertThatThrownBy(() -> otherVerifier.verifyLegacy(l.certificate, l.payload, l.signature, l.bundle))
                .hasMessageMatching("the transparency-log entry is from log [0-9a-f]{64}, which is not a tlog of the"
                        + " trusted root");
    }

    @Test
    void setOverAnotherEntryIsRejected() throws Exception {
        LegacySignatureParts l = LegacySignatureParts.of(signer.legacySignature("x", DIGEST));
        ObjectNode bundle = (ObjectNode) JSON.readTree(l.bundle);
        ((ObjectNode) bundle.get("Payload")).put("integratedTime", sigstore.integratedTime().getEpochSecond() + 1);
        assertThatThrownBy(() -> verifier.verifyLegacy(l.certificate, l.payload, l.signature, bundle.toString()))
                .hasMessage("Rekor SignedEntryTimestamp does not verify with the trusted Rekor key");
    }

    @Test
    void aLogEntryOfAnotherSignatureDoesNotCount() throws Exception {
        // a genuine, logged signature's Rekor bundle attached to another signature by the same signer
        LegacySignatureParts logged = LegacySignatureParts.of(signer.legacySignature("x", DIGEST));
        LegacySignatureParts other = LegacySignatureParts.of(signer.legacySignature("y", DIGEST));
        assertThatThrownBy(() -> verifier.verifyLegacy(other.certificate, other.payload, other.signature,
                logged.bundle))
                .hasMessageStartingWith("the Rekor entry logs payload hash ");
    }

    // ---- bundles logged as intoto entries: sigstore-java 2.0.0 does not read them, PodArmor's own verifier does
    // (the bundles sigstore-java verifies: KeylessBundlesTest)

    @Test
    void bundleLoggedAsAnIntotoEntryVerifies() throws Exception {
        KeylessVerifier.Signer s = verifier.verifyBundle(signer.bundleLoggedAsIntoto(DIGEST));
        assertThat(s.identity()).isEqualTo(EMAIL);
        assertThat(s.issuer()).isEqualTo(ISSUER);
        assertThat(s.integratedTime()).isEqualTo(sigstore.integratedTime());
    }

    private static ObjectNode entry(ObjectNode bundle) {
        return (ObjectNode) bundle.get("verificationMaterial").get("tlogEntries").get(0);
    }

    private static KeylessVerifier.Signer legacy(TestManifest m) throws Exception {
        LegacySignatureParts l = LegacySignatureParts.of(m);
        return verifier.verifyLegacy(l.certificate, l.payload, l.signature, l.bundle);
    }
}
