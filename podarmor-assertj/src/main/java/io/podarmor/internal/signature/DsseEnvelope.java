package io.podarmor.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.sigstore.Dsse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope as cosign writes it, in a Sigstore bundle or a legacy {@code sha256-<hex>.att} layer: its payload
 * type, its decoded payload and its decoded signatures; what each signature signs is {@link #pae()}.
 */
final class DsseEnvelope {
  final String payloadType;
  final byte[] payload;
  /** Decoded {@code sig} values, in envelope order; a blank {@code sig} decodes to an empty array. */
  final List<byte[]> signatures;

  private DsseEnvelope(String payloadType, byte[] payload, List<byte[]> signatures) {
    this.payloadType = payloadType;
    this.payload = payload;
    this.signatures = List.copyOf(signatures);
  }

  /** Reads {@code payloadType}, {@code payload} and {@code signatures[].sig} of an envelope object. */
  static DsseEnvelope parse(JsonNode envelope) throws SignedPayloads.Unreadable {
    byte[] payload = base64(envelope.path("payload").asText(""), "DSSE payload");
    List<byte[]> signatures = new ArrayList<>();
    for (JsonNode s : envelope.path("signatures")) {
      signatures.add(base64(s.path("sig").asText(""), "DSSE signature"));
    }
    return new DsseEnvelope(envelope.path("payloadType").asText(""), payload, signatures);
  }

  /** DSSE's pre-authentication encoding of this envelope: the bytes its signatures sign. */
  byte[] pae() {
    return Dsse.pae(payloadType, payload);
  }

  private static byte[] base64(String text, String what) throws SignedPayloads.Unreadable {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new SignedPayloads.Unreadable(what + " is not base64");
    }
  }
}
