package io.podarmor.internal.sigstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;

/**
 * Whom a transparency-log entry must name as the verifier of the signature it logs: the signer's Fulcio certificate
 * (keyless) or the policy's public key (key-based); the entry holds either as PEM (Rekor v1) or DER (Rekor v2).
 */
public abstract class LoggedSigner {
    private final String what;

    private LoggedSigner(String what) {
        this.what = what;
    }

    /** The leaf certificate of a keyless signature. */
    static LoggedSigner certificate(FulcioCertificate leaf) {
        return new LoggedSigner("certificate") {
            @Override
            boolean isLogged(byte[] loggedPem) {
                return leaf.sameAs(loggedPem);
            }
        };
    }

    /** The public key a key-based signature verified with. */
    public static LoggedSigner publicKey(PublicKey key) {
        return new LoggedSigner("key") {
            @Override
            boolean isLogged(byte[] loggedPem) {
                if (!new String(loggedPem, StandardCharsets.US_ASCII).startsWith("-----BEGIN")) {
                    return MessageDigest.isEqual(loggedPem, key.getEncoded()); // Rekor v2 logs the key's DER
                }
                try {
                    PublicKey logged = PublicKeys.parsePem(new String(loggedPem, StandardCharsets.US_ASCII), "logged");
                    return MessageDigest.isEqual(logged.getEncoded(), key.getEncoded());
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        };
    }

    /** How rejections name it: {@code certificate} or {@code key}. */
    String what() {
        return what;
    }

    /** Whether the PEM an entry logs is this signer's. */
    abstract boolean isLogged(byte[] loggedPem);
}
