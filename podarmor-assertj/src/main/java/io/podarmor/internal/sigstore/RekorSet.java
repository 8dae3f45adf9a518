package io.podarmor.internal.sigstore;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/** Rekor's SignedEntryTimestamp: a signature by the log key over the canonical JSON of the entry's coordinates. */
public final class RekorSet {
    private RekorSet() {
    }

    /** Canonical (RFC 8785, keys sorted) JSON of {body, integratedTime, logID, logIndex}. */
    public static byte[] canonicalPayload(String bodyBase64, long integratedTime, String logIdHex, long logIndex) {
        if (!bodyBase64.matches("[A-Za-z0-9+/=]*") || !logIdHex.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("Rekor bundle: body must be base64 and logID hex");
        }
        return ("{\"body\":\"" + bodyBase64 + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\"" + logIdHex
                + "\",\"logIndex\":" + logIndex + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** @throws SignatureRejected when the SET does not verify with the trusted Rekor key */
    public static void verify(PublicKey rekorKey, byte[] set, String bodyBase64, long integratedTime, String logIdHex,
            long logIndex) throws SignatureRejected {
        byte[] payload = canonicalPayload(bodyBase64, integratedTime, logIdHex, logIndex);
        if (!SignatureAlgorithms.verifies(rekorKey, payload, set)) {
            throw new SignatureRejected("Rekor SignedEntryTimestamp does not verify with the trusted Rekor key");
        }
    }
}
