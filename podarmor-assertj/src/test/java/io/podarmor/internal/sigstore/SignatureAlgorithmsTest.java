package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignatureAlgorithmsTest {
    private static final byte[] DATA = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void ecdsaRsaAndEd25519SignaturesVerifyFromPem() throws Exception {
        for (KeyPair pair : new KeyPair[] {ec(), rsa(), ed()}) {
            PublicKey key = PublicKeys.parsePem(pem(pair.getPublic()), "cosign.pub");
            SignatureAlgorithms.verify(key, DATA, sign(pair.getPrivate(), key));
            assertThat(SignatureAlgorithms.verifies(key, DATA, sign(pair.getPrivate(), key))).isTrue();
        }
    }

    @Test
    void wrongKeyIsRejectedWithItsReason() throws Exception {
        KeyPair signer = ec();
        PublicKey other = ec().getPublic();
        byte[] sig = sign(signer.getPrivate(), signer.getPublic());
        assertThatThrownBy(() -> SignatureAlgorithms.verify(other, DATA, sig))
                .isInstanceOf(SignatureRejected.class)
                .hasMessage("signature does not verify with the given ECDSA key");
        KeyPair ed = ed();
        byte[] edSig = sign(ed.getPrivate(), ed.getPublic());
        assertThatThrownBy(() -> SignatureAlgorithms.verify(ed().getPublic(), DATA, edSig))
                .hasMessage("signature does not verify with the given Ed25519 key");
    }

    @Test
    void tamperedDataIsRejected() throws Exception {
        KeyPair rsa = rsa();
        byte[] sig = sign(rsa.getPrivate(), rsa.getPublic());
        assertThatThrownBy(() -> SignatureAlgorithms.verify(rsa.getPublic(), "x".getBytes(StandardCharsets.UTF_8), sig))
                .hasMessage("signature does not verify with the given RSA key");
    }

    @Test
    void badPemNamesTheInput() {
        assertThatThrownBy(() -> PublicKeys.parsePem("hello", "keys/cosign.pub"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("public key keys/cosign.pub: expected a PEM block '-----BEGIN PUBLIC KEY-----'"
                        + " ... '-----END PUBLIC KEY-----'");
        assertThatThrownBy(() -> PublicKeys.parsePem(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "k.pub"))
                .hasMessage("public key k.pub: not an ECDSA, RSA or Ed25519 SubjectPublicKeyInfo");
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] sign(PrivateKey key, PublicKey pub) throws Exception {
        Signature s = Signature.getInstance(SignatureAlgorithms.algorithmFor(pub));
        s.initSign(key);
        s.update(DATA);
        return s.sign();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ed() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }
}
