package io.podarmor.internal.sigstore;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;

/** Reading the JSON of bundles and log entries: each missing or malformed field is a {@link SignatureRejected}. */
final class EntryJson {
    private static final ObjectMapper JSON = Json.mapper();

    private EntryJson() {
    }

    static JsonNode json(byte[] bytes, String what) throws SignatureRejected {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new SignatureRejected(what + " is not a JSON object");
    }

    static String text(JsonNode node, String field, String where) throws SignatureRejected {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new SignatureRejected(where + " has no " + field);
        }
        return v.asText();
    }

    /** A number, or (protobuf JSON int64) a decimal string. */
    static long number(JsonNode node, String field, String where) throws SignatureRejected {
        JsonNode v = node.path(field);
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw new SignatureRejected(where + " has no " + field);
    }

    /** Like {@link #number}, but absent is 0 (protobuf JSON omits zero values). */
    static long numberOrZero(JsonNode node, String field, String where) throws SignatureRejected {
        return node.path(field).isMissingNode() ? 0 : number(node, field, where);
    }

    static byte[] base64(String text, String what) throws SignatureRejected {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected(what + " is not base64");
        }
    }

    static byte[] decodeOrEmpty(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(FulcioCertificate.sha256(data));
    }
}
