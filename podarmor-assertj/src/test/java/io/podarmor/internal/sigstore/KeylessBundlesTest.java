package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.testing.TestSigstore;
import io.podarmor.testing.TestTimestampAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless Sigstore bundles verified through sigstore-java with PodArmor's own rules on top ({@link KeylessBundles}),
 * against a test Sigstore minted here: what verifies, and each rejection's reason.
 */
class KeylessBundlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String EMAIL = "release@acme.example";
    private static final String ISSUER = "https://issuer.sigstore.test";

    @TempDir
    static Path tmp;
    static TestSigstore sigstore;
    static TrustedRoot root;
    static TestSigstore.Signer signer;
    static TestTimestampAuthority tsa;

    @BeforeAll
    static void mint() {
        sigstore = TestSigstore.create("sigstore-bundles");
        tsa = TestTimestampAuthority.create("tsa-bundles");
        root = TrustedRoot.load(tsa.addTo(sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"))));
        signer = sigstore.leaf(EMAIL, ISSUER).issue();
    }

    // ---- RFC 3161 timestamps and Rekor v2

    @Test
    void aTimestampedBundleVerifiesAtTheTimestampsTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        KeylessVerifier.Signer s = verify(signer.timestampedBundle(DIGEST, tsa));
        assertThat(s.identity()).isEqualTo(EMAIL);
        assertThat(s.integratedTime()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aRekorV2BundleWithATimestampVerifies() throws Exception {
        KeylessVerifier.Signer s = verify(signer.rekorV2Bundle(DIGEST, tsa));
        assertThat(s.identity()).isEqualTo(EMAIL);
        assertThat(s.issuer()).isEqualTo(ISSUER);
    }

    @Test
    void aRekorV2BundleWithoutATimestampIsRejected() {
        assertThatThrownBy(() -> verify(signer.rekorV2Bundle(DIGEST, null)))
                .hasMessage("the bundle has neither a signed entry timestamp (SET) nor an RFC 3161 timestamp: nothing"
                        + " proves when it was signed");
    }

    @Test
    void aTimestampFromAnAuthorityOutsideTheTrustedRootIsRejected() {
        TestTimestampAuthority rogue = TestTimestampAuthority.create("tsa-rogue");
        assertThatThrownBy(() -> verify(signer.rekorV2Bundle(DIGEST, rogue)))
                .hasMessageStartingWith("the bundle's RFC 3161 timestamp does not verify (RFC3161 timestamp"
                        + " verification failed: Certificates in token were not verifiable against TSAs");
    }

    @Test
    void aTimestampOutsideTheCertificatesValidityIsRejected() {
        TestSigstore.Signer expired = sigstore.leaf(EMAIL, ISSUER).validity(
                Instant.now().minus(2, ChronoUnit.HOURS), Instant.now().minus(1, ChronoUnit.HOURS)).issue();
        assertThatThrownBy(() -> verify(expired.rekorV2Bundle(DIGEST, tsa)))
                .hasMessageStartingWith("the certificate was not valid at the time of its RFC 3161 timestamp"
                        + " (RFC3161 timestamp verification failed: NotAfter: ");
    }

    @Test
    void aRekorV2EntryLoggingAnotherSignatureIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.rekorV2Bundle(DIGEST, tsa));
        JsonNode otherEntry = entry((ObjectNode) JSON.readTree(signer.rekorV2Bundle("sha256:" + "cd".repeat(32),
                tsa)));
        ((ArrayNode) bundle.get("verificationMaterial").get("tlogEntries")).set(0, otherEntry);
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessageStartingWith("the tlog entry logs payload hash ");
    }


    @Test
    void bundleVerifiesAndNamesTheSigner() throws Exception {
        KeylessVerifier.Signer s = verify(signer.bundle(DIGEST));
        assertThat(s.identity()).isEqualTo(EMAIL);
        assertThat(s.issuer()).isEqualTo(ISSUER);
        assertThat(s.integratedTime()).isEqualTo(sigstore.integratedTime());
    }

    @Test
    void aCaWhoseValidityEndedBeforeTheIntegratedTimeIsNotTrusted() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(tmp.resolve("trusted_root.json").toFile());
        ((ObjectNode) root.get("certificateAuthorities").get(0).get("validFor")).put("end",
                sigstore.integratedTime().minus(1, ChronoUnit.HOURS).toString());
        TrustedRoot expiredCaRoot = TrustedRoot.load(Files.write(tmp.resolve("expired_ca_root.json"),
                JSON.writeValueAsBytes(root)));
        assertThatThrownBy(() -> verify(expiredCaRoot, signer.bundle(DIGEST)))
                .hasMessage("the certificate does not chain to a Fulcio CA of the trusted root valid when it was issued ("
                        + sigstore.integratedTime().minus(1, ChronoUnit.MINUTES) + ")");
    }

    @Test
    void anSctFromALogOutsideTheTrustedRootIsRejected() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(tmp.resolve("trusted_root.json").toFile());
        root.putArray("ctlogs");
        TrustedRoot noCtlogsRoot = TrustedRoot.load(Files.write(tmp.resolve("no_ctlogs_root.json"),
                JSON.writeValueAsBytes(root)));
        assertThatThrownBy(() -> verify(noCtlogsRoot, signer.bundle(DIGEST)))
                .hasMessage("the embedded SCT cannot be checked: the trusted root has no ctlogs");
    }

    @Test
    void aCertificateWithoutAnIdentityOrIssuerIsRejected() {
        // the payload and log checks pass; only the certificate's contents are missing
        assertThatThrownBy(() -> verify(sigstore.leaf(EMAIL, ISSUER).withoutSan().issue()
                .bundle(DIGEST)))
                .hasMessage("the certificate has no email or URI subject alternative name");
    }

    @Test
    void bundleWithoutTlogEntriesIsRejected() {
        assertThatThrownBy(() -> verify(signer.bundleWithoutLogEntry(DIGEST)))
                .hasMessage("no transparency-log entry (the bundle has no tlogEntries)");
    }

    @Test
    void bundleWithATamperedPayloadIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        // still a statement naming this digest, so only the signature tells
        ((ObjectNode) bundle.get("dsseEnvelope")).put("payload", Base64.getEncoder().encodeToString(JSON
                .writeValueAsBytes(statement(DIGEST, "https://example.test/tampered"))));
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessage("the signature does not verify with the certificate's key (payload or signature altered)");
    }

    @Test
    void bundleWhoseInclusionProofDoesNotReachTheRootIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        ObjectNode proof = (ObjectNode) entry(bundle).get("inclusionProof");
        proof.put("rootHash", Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessage("inclusion proof: the audit path does not lead to the signed root hash");
    }

    @Test
    void bundleWithAForgedCheckpointIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        ObjectNode checkpoint = (ObjectNode) entry(bundle).get("inclusionProof").get("checkpoint");
        String envelope = checkpoint.get("envelope").asText();
        checkpoint.put("envelope", envelope.replaceFirst(" - 1\n", " - 2\n"));
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessage("checkpoint signature does not verify with the trusted log key");
    }

    @Test
    void bundleWithoutInclusionProofIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        entry(bundle).remove("inclusionProof");
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessage("the bundle's tlog entry has no inclusion proof");
    }

    @Test
    void bundleLoggingAnotherEnvelopeIsRejected() throws Exception {
        // the tlog entry of a genuine bundle over another digest, attached to this one
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        JsonNode otherEntry = entry((ObjectNode) JSON.readTree(signer.bundle("sha256:" + "cd".repeat(32))));
        ((ArrayNode) bundle.get("verificationMaterial").get("tlogEntries")).set(0, otherEntry);
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessageStartingWith("the tlog entry logs payload hash ");
    }

    @Test
    void bundleFromAnUntrustedCaIsRejected() {
        TestSigstore.Signer s = sigstore.leaf(EMAIL, ISSUER).issuedBy(TestSigstore.create("sigstore-rogue2")).issue();
        assertThatThrownBy(() -> verify(s.bundle(DIGEST)))
                .hasMessageStartingWith("the certificate does not chain to a Fulcio CA of the trusted root");
    }

    @Test
    void aBundleWithNeitherASetNorATimestampIsRejected() throws Exception {
        // inclusion proof and checkpoint verify, but nothing proves when it was signed: sigstore-java refuses to read it
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        entry(bundle).remove("inclusionPromise");
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessage("the bundle has neither a signed entry timestamp (SET) nor an RFC 3161 timestamp: nothing"
                        + " proves when it was signed");
    }

    @Test
    void aSetOverAnotherIntegratedTimeIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        entry(bundle).put("integratedTime", String.valueOf(sigstore.integratedTime().getEpochSecond() + 60));
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessage("Rekor SignedEntryTimestamp does not verify with the trusted Rekor key");
    }

    @Test
    void aCertificateExpiredAtTheIntegratedTimeIsRejected() {
        // sigstore-java checks the chain at the certificate's start; the log time is PodArmor's rule
        TestSigstore.Signer late = sigstore.leaf(EMAIL, ISSUER).validity(
                sigstore.integratedTime().minus(30, ChronoUnit.MINUTES),
                sigstore.integratedTime().minus(20, ChronoUnit.MINUTES)).issue();
        assertThatThrownBy(() -> verify(late.bundle(DIGEST)))
                .hasMessageStartingWith("the certificate was not valid at the log's integrated time "
                        + sigstore.integratedTime());
    }

    @Test
    void anotherRekorIsNotTrusted() throws Exception {
        TestSigstore other = TestSigstore.create("sigstore-other-rekor");
        TrustedRoot otherLog = TrustedRoot.load(other.writeTrustedRoot(tmp.resolve("other_rekor.json")));
        assertThatThrownBy(() -> KeylessBundles.verify(otherLog, new String(signer.bundle(DIGEST),
                StandardCharsets.UTF_8), JSON.readTree(signer.bundle(DIGEST)), "ab".repeat(32)))
                .hasMessageStartingWith("the certificate does not chain to a Fulcio CA of the trusted root");
    }

    private static KeylessVerifier.Signer verify(byte[] bundle) throws Exception {
        return verify(root, bundle);
    }

    private static KeylessVerifier.Signer verify(TrustedRoot trustedRoot, byte[] bundle) throws Exception {
        return KeylessBundles.verify(trustedRoot, new String(bundle, StandardCharsets.UTF_8), JSON.readTree(bundle),
                DIGEST.substring("sha256:".length()));
    }

    @Test
    void aPayloadThatIsNotAStatementIsRejected() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(signer.bundle(DIGEST));
        ((ObjectNode) bundle.get("dsseEnvelope")).put("payload", Base64.getEncoder().encodeToString(
                "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> verify(JSON.writeValueAsBytes(bundle)))
                .hasMessageStartingWith("the DSSE payload is not an in-toto statement (Could not parse DSSE payload");
    }

    private static ObjectNode statement(String digest, String predicateType) {
        ObjectNode s = JSON.createObjectNode();
        s.put("_type", "https://in-toto.io/Statement/v1");
        s.putArray("subject").addObject().put("name", "image").putObject("digest").put("sha256",
                digest.substring("sha256:".length()));
        s.put("predicateType", predicateType);
        s.putObject("predicate");
        return s;
    }

    private static ObjectNode entry(ObjectNode bundle) {
        return (ObjectNode) bundle.get("verificationMaterial").get("tlogEntries").get(0);
    }
}
