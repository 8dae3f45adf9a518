package io.podarmor.internal.sigstore;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Parses PEM ("PUBLIC KEY", SubjectPublicKeyInfo) public keys: ECDSA (cosign's P-256 default), RSA, Ed25519. */
public final class PublicKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PublicKeys() {
    }

    /**
     * Parses one PEM public key.
     *
     * @param pem  the PEM text
     * @param name names the input in error messages (e.g. a file name)
     * @throws IllegalArgumentException naming the input and what was expected
     */
    public static PublicKey parsePem(String pem, String name) {
        if (pem == null) {
            throw new IllegalArgumentException("public key " + name + ": expected a PEM public key but got nothing");
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("public key " + name
                    + ": expected a PEM block '" + BEGIN + "' ... '" + END + "'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key " + name + ": the PEM body is not valid base64", e);
        }
        return parseDer(der, name);
    }

    /** Parses a DER SubjectPublicKeyInfo, trying EC, RSA and Ed25519. */
    public static PublicKey parseDer(byte[] der, String name) {
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException | ClassCastException e) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("public key " + name
                + ": not an ECDSA, RSA or Ed25519 SubjectPublicKeyInfo");
    }
}
