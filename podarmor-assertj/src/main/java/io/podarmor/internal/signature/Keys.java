package io.podarmor.internal.signature;

import io.podarmor.internal.blob.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The configured public key: read from PEM, its fingerprint, and signature checks by key type (ECDSA P-256 with
 * SHA-256, RSA PKCS#1 v1.5 with SHA-256, Ed25519), as cosign signs.
 */
final class Keys {
  /** A key file that cannot be used; the message names the file and what is expected. */
  static final class BadKey extends Exception {
    private static final long serialVersionUID = 1L;

    BadKey(String reason) {
      super(reason, null, false, false);
    }
  }

  private Keys() {}

  static PublicKey read(Path pem) throws BadKey {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new BadKey("cannot read public key " + pem + " (" + e.getClass().getSimpleName() + ")");
    }
    int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = text.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new BadKey("public key " + pem + " is not a PEM public key (expected -----BEGIN PUBLIC KEY-----,"
          + " as cosign.pub)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + 26, end));
    } catch (IllegalArgumentException e) {
      throw new BadKey("public key " + pem + " has invalid base64");
    }
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next type
      }
    }
    throw new BadKey("public key " + pem + " is not an ECDSA, RSA or Ed25519 key");
  }

  /** {@code sha256:<hex>} of the DER public key. */
  static String fingerprint(PublicKey key) {
    return Digests.sha256(key.getEncoded());
  }

  /** Whether {@code signature} over {@code data} verifies with the key; false for malformed signatures. */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    String algorithm;
    switch (key.getAlgorithm()) {
      case "EC":
        algorithm = "SHA256withECDSA";
        break;
      case "RSA":
        algorithm = "SHA256withRSA";
        break;
      default:
        algorithm = "Ed25519";
    }
    try {
      java.security.Signature s = java.security.Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
