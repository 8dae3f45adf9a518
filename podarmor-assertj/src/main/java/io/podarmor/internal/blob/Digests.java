package io.podarmor.internal.blob;

import io.podarmor.image.ImageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in the {@code sha256:<64 hex>} form OCI uses. */
public final class Digests {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private Digests() {}

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  public static String sha256(byte[] bytes) {
    return format(newSha256().digest(bytes));
  }

  public static String format(byte[] digest) {
    return "sha256:" + HexFormat.of().formatHex(digest);
  }

  public static boolean isSha256(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }

  /** Checks the digest's form; {@code what} names where it came from in the error. */
  public static String requireSha256(String digest, String what) {
    if (!isSha256(digest)) {
      throw new ImageException(what + ": unsupported or malformed digest '" + digest
          + "', expected sha256:<64 lowercase hex digits>");
    }
    return digest;
  }

  /** The hex part of {@code sha256:<hex>}. */
  public static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  /** The first 12 hex digits, as docker shows short IDs. */
  public static String shortHex(String digest) {
    String hex = digest.startsWith("sha256:") ? hex(digest) : digest;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
