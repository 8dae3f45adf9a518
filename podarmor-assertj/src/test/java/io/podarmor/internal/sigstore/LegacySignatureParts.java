package io.podarmor.internal.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.testing.TestManifest;
import java.util.Base64;

/** The parts of a legacy cosign signature manifest's first layer, as the verifiers take them. */
final class LegacySignatureParts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The leaf certificate PEM, or {@code null} for a key-based signature. */
    final String certificate;
    final byte[] payload;
    final byte[] signature;
    /** The {@code dev.sigstore.cosign/bundle} annotation, or {@code null}. */
    final String bundle;

    private LegacySignatureParts(String certificate, byte[] payload, byte[] signature, String bundle) {
        this.certificate = certificate;
        this.payload = payload;
        this.signature = signature;
        this.bundle = bundle;
    }

    static LegacySignatureParts of(TestManifest m) throws Exception {
        JsonNode layer = JSON.readTree(m.bytes()).get("layers").get(0);
        JsonNode a = layer.get("annotations");
        return new LegacySignatureParts(a.path("dev.sigstore.cosign/certificate").asText(null),
                m.blobs().get(layer.get("digest").asText()),
                Base64.getDecoder().decode(a.get("dev.cosignproject.cosign/signature").asText()),
                a.path("dev.sigstore.cosign/bundle").asText(null));
    }
}
