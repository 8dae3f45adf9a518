package io.podarmor.internal.signature;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.blob.Digests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a signed payload says it signs: the {@code critical.image.docker-manifest-digest} of cosign's simple-signing
 * payload, or the sha256 subjects of the in-toto statement cosign v3 signs ({@code https://sigstore.dev/cosign/sign/v1})
 * or attests.
 */
final class SignedPayloads {
  static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
  static final String IN_TOTO = "application/vnd.in-toto+json";

  /** A payload that does not say what it signs; the message says why. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  private SignedPayloads() {}

  /** The manifest digest a simple-signing payload names. */
  static String simpleSigningDigest(byte[] payload) throws Unreadable {
    JsonNode root = parse(payload, "payload is not a cosign simple-signing document");
    JsonNode digest = root.path("critical").path("image").path("docker-manifest-digest");
    if (!digest.isTextual()) {
      throw new Unreadable("payload has no critical.image.docker-manifest-digest: not a cosign simple-signing"
          + " document");
    }
    String d = digest.asText();
    if (!Digests.isSha256(d)) {
      throw new Unreadable("payload names '" + d + "', not a sha256 digest");
    }
    return d;
  }

  /** The sha256 digests an in-toto statement of a cosign v3 image signature names. */
  static List<String> statementDigests(byte[] statement) throws Unreadable {
    JsonNode root = parse(statement, "DSSE payload is not an in-toto statement");
    String predicate = root.path("predicateType").asText("");
    if (!COSIGN_SIGN_PREDICATE.equals(predicate)) {
      throw new Unreadable("an attestation (predicate type " + (predicate.isEmpty() ? "none" : predicate)
          + "), not an image signature (" + COSIGN_SIGN_PREDICATE + ")");
    }
    return subjects(root);
  }

  /** The sha256 subjects of an attestation's in-toto statement, whatever its predicate type. */
  static List<String> attestationSubjects(byte[] statement) throws Unreadable {
    return subjects(parse(statement, "DSSE payload is not an in-toto statement"));
  }

  private static List<String> subjects(JsonNode root) throws Unreadable {
    List<String> out = new ArrayList<>();
    for (JsonNode s : root.path("subject")) {
      String hex = s.path("digest").path("sha256").asText("");
      if (hex.matches("[0-9a-f]{64}")) {
        out.add("sha256:" + hex);
      }
    }
    if (out.isEmpty()) {
      throw new Unreadable("in-toto statement names no sha256 subject");
    }
    return out;
  }

  static JsonNode parse(byte[] bytes, String what) throws Unreadable {
    try {
      JsonNode node = Json.tree(bytes);
      if (node == null || !node.isObject()) {
        throw new Unreadable(what + " (not a JSON object)");
      }
      return node;
    } catch (Json.TooManyValues e) {
      throw new Unreadable(what + " (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new Unreadable(what + " (not valid JSON)");
    }
  }
}
