package io.podarmor.internal.sbom;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.supplychain.Sbom;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SBOMs carried as the predicate of an in-toto statement: on its own (BuildKit), in a DSSE envelope (a cosign
 * {@code .att} layer) or in a Sigstore bundle's DSSE envelope (cosign v3). The statement's sha256 subjects count as
 * digests the SBOM describes. Other predicates (provenance, image signatures) are not SBOMs: empty.
 */
final class InTotoSboms {
  static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final String DSSE = "application/vnd.dsse.envelope.v1+json";
  private static final Set<String> PREDICATES = Set.of("https://spdx.dev/Document", "https://cyclonedx.org/bom",
      "https://cyclonedx.org/specification/cyclonedx-1.5", "https://cyclonedx.org/specification/cyclonedx-1.6");
  private static final ObjectMapper MAPPER = Json.mapper();

  private InTotoSboms() {}

  /**
   * Whether an in-toto predicate type is an SBOM: SPDX's {@code https://spdx.dev/Document}, CycloneDX's
   * {@code https://cyclonedx.org/bom}, and their versioned variants ({@code https://cyclonedx.org/bom/v1.5}).
   */
  static boolean isSbomPredicate(String type) {
    return PREDICATES.contains(type) || type.startsWith("https://spdx.dev/Document/")
        || type.startsWith("https://cyclonedx.org/bom/");
  }

  /** The SBOM of a plain in-toto statement. */
  static Optional<Sbom> fromStatement(byte[] statement, String source) {
    return sbom(json(statement, "attestation from " + source + " is not an in-toto statement: "), source);
  }

  /** The SBOM of the in-toto statement in a DSSE envelope. */
  static Optional<Sbom> fromEnvelope(byte[] envelope, String source) {
    String what = "attestation from " + source + " is not a DSSE envelope with a base64 in-toto statement: ";
    return sbom(json(payload(json(envelope, what), what), what), source);
  }

  /** The SBOM of the in-toto statement in a Sigstore bundle's DSSE envelope; empty for message-signature bundles. */
  static Optional<Sbom> fromBundle(byte[] bundle, String source) {
    String what = "sigstore bundle from " + source + " is not a bundle with a DSSE envelope: ";
    JsonNode envelope = json(bundle, what).path("dsseEnvelope");
    if (!envelope.isObject()) {
      return Optional.empty();
    }
    return sbom(json(payload(envelope, what), what), source);
  }

  private static byte[] payload(JsonNode envelope, String what) {
    try {
      return Base64.getDecoder().decode(envelope.path("payload").asText("").strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + "its payload is not base64");
    }
  }

  private static JsonNode json(byte[] bytes, String what) {
    try {
      JsonNode node = Json.tree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(what + "not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + SbomParser.describe(e));
    } catch (Json.TooManyValues e) {
      throw new IllegalArgumentException(what + "it " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(what + e.getMessage());
    }
  }

  private static Optional<Sbom> sbom(JsonNode statement, String source) {
    if (!isSbomPredicate(statement.path("predicateType").asText(""))) {
      return Optional.empty();
    }
    List<String> subjects = new ArrayList<>();
    for (JsonNode subject : statement.path("subject")) {
      String hex = subject.path("digest").path("sha256").asText("");
      if (!hex.isEmpty()) {
        subjects.add("sha256:" + hex);
      }
    }
    JsonNode predicate = statement.path("predicate");
    byte[] document;
    try {
      document = MAPPER.writeValueAsBytes(predicate);
    } catch (IOException e) {
      throw new IllegalArgumentException("attestation from " + source + ": " + e.getMessage());
    }
    return Optional.of(SbomParser.parse(predicate, document, "in-toto attestation " + source, subjects));
  }
}
