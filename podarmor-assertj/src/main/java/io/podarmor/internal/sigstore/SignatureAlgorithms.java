package io.podarmor.internal.sigstore;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Verifies a raw signature with a public key, choosing the algorithm from the key type: ECDSA → SHA256withECDSA
 * (ASN.1 DER signature, as cosign writes), RSA → SHA256withRSA (PKCS#1 v1.5; PSS is not accepted, cosign does not
 * produce it for image signatures), Ed25519 → Ed25519.
 */
public final class SignatureAlgorithms {
    private SignatureAlgorithms() {
    }

    /** @throws SignatureRejected with the specific reason when the signature does not verify */
    public static void verify(PublicKey key, byte[] data, byte[] signature) throws SignatureRejected {
        String algorithm;
        try {
            algorithm = algorithmFor(key);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected(e.getMessage(), e);
        }
        boolean ok;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(data);
            ok = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new SignatureRejected("signature is malformed for a " + keyType(key) + " key: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new SignatureRejected("signature does not verify with the given " + keyType(key) + " key");
        }
    }

    /** true when the signature verifies; never throws for a bad signature. */
    public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            verify(key, data, signature);
            return true;
        } catch (SignatureRejected e) {
            return false;
        }
    }

    static String algorithmFor(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm()
                    + " (expected ECDSA, RSA or Ed25519)");
        };
    }

    static String keyType(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "ECDSA";
            case "EdDSA" -> "Ed25519";
            default -> key.getAlgorithm();
        };
    }
}
