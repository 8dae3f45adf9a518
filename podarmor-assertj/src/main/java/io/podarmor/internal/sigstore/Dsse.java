package io.podarmor.internal.sigstore;

import java.nio.charset.StandardCharsets;

/** DSSE (Dead Simple Signing Envelope) encoding: what a DSSE signature signs. */
public final class Dsse {
    private Dsse() {
    }

    /** DSSE's pre-authentication encoding: {@code DSSEv1 <len(type)> <type> <len(payload)> <payload>}. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }
}
