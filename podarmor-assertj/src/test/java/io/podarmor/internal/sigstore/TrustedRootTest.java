package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.testing.TestSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRootTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static TestSigstore sigstore;
    static Path valid;

    @BeforeAll
    static void mint() {
        sigstore = TestSigstore.create("sigstore-root");
        valid = sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"));
    }

    @Test
    void readsCasTlogsAndCtlogs() {
        TrustedRoot root = TrustedRoot.load(valid);
        assertThat(root.source()).isEqualTo(valid);
        assertThat(root.certificateAuthorities()).singleElement().satisfies(ca -> {
            assertThat(ca.chain()).hasSize(2);
            assertThat(ca.chain().get(1).getSubjectX500Principal().getName()).isEqualTo("CN=sigstore-root root");
            assertThat(ca.validAt(sigstore.integratedTime())).isTrue();
            assertThat(ca.validAt(sigstore.integratedTime().minus(2, ChronoUnit.DAYS))).isFalse();
        });
        assertThat(root.tlogs()).singleElement().satisfies(l -> assertThat(l.logIdHex()).hasSize(64));
        assertThat(root.ctlogs()).hasSize(1);
    }

    @Test
    void isReadOncePerFileVersionAndAgainWhenTheFileChanges() throws Exception {
        Path file = Files.copy(valid, tmp.resolve("rewritten_root.json"));
        TrustedRoot first = TrustedRoot.load(file);
        assertThat(TrustedRoot.load(file)).isSameAs(first);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.putArray("ctlogs");
        Files.write(file, JSON.writeValueAsBytes(root));
        TrustedRoot rewritten = TrustedRoot.load(file);
        assertThat(rewritten).isNotSameAs(first);
        assertThat(rewritten.ctlogs()).isEmpty();
        assertThat(first.ctlogs()).hasSize(1);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("missing.json");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(missing))
                .withMessage("cannot read trusted root " + missing + " (NoSuchFileException)");
    }

    @Test
    void notJson() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-json.json"), "trusted? {");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " is not valid JSON; expected a Sigstore trusted_root.json");
    }

    @Test
    void anEmptyObjectHasNoMediaType() throws Exception {
        Path file = Files.writeString(tmp.resolve("empty.json"), "{}");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " has mediaType ''; expected"
                        + " application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    }

    @Test
    void aCertificateThatIsNotDer() throws Exception {
        ObjectNode root = read();
        ((ObjectNode) root.get("certificateAuthorities").get(0).get("certChain").get("certificates").get(1))
                .put("rawBytes", "aGVsbG8=");
        Path file = write("bad-cert.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " certificateAuthorities[0].certChain.certificates[1] is not a"
                        + " DER X.509 certificate");
    }

    @Test
    void aLogKeyThatIsNotBase64() throws Exception {
        ObjectNode root = read();
        ((ObjectNode) root.get("tlogs").get(0).get("publicKey")).put("rawBytes", "not base64!");
        Path file = write("bad-key.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " tlogs[0].publicKey.rawBytes is not base64");
    }

    @Test
    void aLogKeyThatIsNotAKey() throws Exception {
        ObjectNode root = read();
        ((ObjectNode) root.get("ctlogs").get(0).get("publicKey")).put("rawBytes", "aGVsbG8=");
        Path file = write("not-a-key.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " ctlogs[0].publicKey.rawBytes is not a DER ECDSA, RSA or"
                        + " Ed25519 public key (PKIX_ECDSA_P256_SHA_256)");
    }

    @Test
    void aLogWithoutLogId() throws Exception {
        ObjectNode root = read();
        ((ObjectNode) root.get("tlogs").get(0)).remove("logId");
        Path file = write("no-log-id.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " has no tlogs[0].logId.keyId; expected base64");
    }

    @Test
    void aValidityThatIsNotATime() throws Exception {
        ObjectNode root = read();
        ((ObjectNode) root.get("certificateAuthorities").get(0).get("validFor")).put("start", "yesterday");
        Path file = write("bad-time.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " certificateAuthorities[0].validFor.start 'yesterday' is not"
                        + " an RFC 3339 time such as 2024-01-01T00:00:00Z");
    }

    @Test
    void noCertificateAuthorities() throws Exception {
        ObjectNode root = read();
        root.remove("certificateAuthorities");
        Path file = write("no-cas.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " has no certificateAuthorities; expected at least one Fulcio"
                        + " CA");
    }

    @Test
    void noTlogs() throws Exception {
        ObjectNode root = read();
        root.putArray("tlogs");
        Path file = write("no-tlogs.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " has no tlogs; expected at least one Rekor log key");
    }

    @Test
    void tlogsThatAreNotAnArray() throws Exception {
        ObjectNode root = read();
        root.put("tlogs", "rekor");
        Path file = write("tlogs-string.json", root);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedRoot.load(file))
                .withMessage("trusted root " + file + " tlogs is not an array");
    }

    private static ObjectNode read() throws Exception {
        return (ObjectNode) JSON.readTree(valid.toFile());
    }

    private static Path write(String name, ObjectNode root) throws Exception {
        return Files.write(tmp.resolve(name), JSON.writeValueAsBytes(root));
    }
}
