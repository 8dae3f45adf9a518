package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class RekorSetTest {
    @Test
    void setOverCanonicalJsonVerifiesAndChangedFieldsAreRejected() throws Exception {
        KeyPair rekor = ec();
        assertThat(new String(RekorSet.canonicalPayload("eyJ9", 1700000000L, "ab01", 7), StandardCharsets.UTF_8))
                .isEqualTo("{\"body\":\"eyJ9\",\"integratedTime\":1700000000,\"logID\":\"ab01\",\"logIndex\":7}");
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(rekor.getPrivate());
        s.update(RekorSet.canonicalPayload("eyJ9", 1700000000L, "ab01", 7));
        byte[] set = s.sign();
        RekorSet.verify(rekor.getPublic(), set, "eyJ9", 1700000000L, "ab01", 7);
        assertThatThrownBy(() -> RekorSet.verify(rekor.getPublic(), set, "eyJ9", 1700000001L, "ab01", 7))
                .isInstanceOf(SignatureRejected.class)
                .hasMessage("Rekor SignedEntryTimestamp does not verify with the trusted Rekor key");
        assertThatThrownBy(() -> RekorSet.verify(ec().getPublic(), set, "eyJ9", 1700000000L, "ab01", 7))
                .hasMessage("Rekor SignedEntryTimestamp does not verify with the trusted Rekor key");
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
