package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    @Test
    void signedCheckpointVerifiesAndTamperedOrForeignOnesAreRejected() throws Exception {
        KeyPair log = ec();
        byte[] root = MerkleProof.leafHash(new byte[] {1});
        String body = "rekor.test - 42\n1\n" + Base64.getEncoder().encodeToString(root) + "\n";
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(log.getPrivate());
        s.update(body.getBytes(StandardCharsets.UTF_8));
        byte[] sig = s.sign();
        byte[] raw = new byte[4 + sig.length];
        System.arraycopy(sig, 0, raw, 4, sig.length);
        String note = body + "\n\u2014 rekor.test " + Base64.getEncoder().encodeToString(raw) + "\n";

        Checkpoint cp = Checkpoint.parse(note);
        cp.verify(log.getPublic());
        assertThat(cp.origin()).isEqualTo("rekor.test - 42");
        assertThat(cp.size()).isEqualTo(1);
        assertThat(cp.rootHash()).isEqualTo(root);

        assertThatThrownBy(() -> cp.verify(ec().getPublic()))
                .isInstanceOf(SignatureRejected.class)
                .hasMessage("checkpoint signature does not verify with the trusted log key");
        assertThatThrownBy(() -> Checkpoint.parse(note.replace("\n1\n", "\n2\n")).verify(log.getPublic()))
                .hasMessage("checkpoint signature does not verify with the trusted log key");
        assertThatThrownBy(() -> Checkpoint.parse("junk"))
                .hasMessage("checkpoint is not a signed note (no blank line before the signatures)");
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
