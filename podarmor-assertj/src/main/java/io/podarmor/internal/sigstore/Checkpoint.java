package io.podarmor.internal.sigstore;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A transparency-log checkpoint in the signed note format ({@code origin\nsize\nbase64(rootHash)\n[extra]\n\n— name
 * base64(keyHint4 || signature)\n}); {@link #verify} checks the note signature with the log's key.
 */
public final class Checkpoint {
    private final String origin;
    private final long size;
    private final byte[] rootHash;
    private final byte[] signedText;
    private final String envelope;

    private Checkpoint(String origin, long size, byte[] rootHash, byte[] signedText, String envelope) {
        this.origin = origin;
        this.size = size;
        this.rootHash = rootHash;
        this.signedText = signedText;
        this.envelope = envelope;
    }

    /** @throws SignatureRejected when the text is not a signed note checkpoint */
    public static Checkpoint parse(String envelope) throws SignatureRejected {
        int split = envelope == null ? -1 : envelope.indexOf("\n\n");
        if (split < 0) {
            throw new SignatureRejected("checkpoint is not a signed note (no blank line before the signatures)");
        }
        String body = envelope.substring(0, split + 1);
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw new SignatureRejected("checkpoint has fewer than 3 lines (origin, tree size, root hash)");
        }
        try {
            long size = Long.parseLong(lines[1]);
            byte[] root = Base64.getDecoder().decode(lines[2]);
            return new Checkpoint(lines[0], size, root, body.getBytes(StandardCharsets.UTF_8), envelope);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected("checkpoint tree size or root hash is malformed: " + e.getMessage());
        }
    }

    /** @throws SignatureRejected unless one signature line verifies with the log key */
    public void verify(PublicKey logKey) throws SignatureRejected {
        String sigs = envelope.substring(signedText.length + 1);
        for (String line : sigs.split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(line.substring(space + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (raw.length <= 4) {
                continue;
            }
            byte[] sig = java.util.Arrays.copyOfRange(raw, 4, raw.length);
            if (SignatureAlgorithms.verifies(logKey, signedText, sig)) {
                return;
            }
        }
        throw new SignatureRejected("checkpoint signature does not verify with the trusted log key");
    }

    public String origin() {
        return origin;
    }

    public long size() {
        return size;
    }

    public byte[] rootHash() {
        return rootHash.clone();
    }
}
