package io.podarmor.internal.sigstore;

import static io.podarmor.internal.sigstore.EntryJson.base64;
import static io.podarmor.internal.sigstore.EntryJson.decodeOrEmpty;
import static io.podarmor.internal.sigstore.EntryJson.json;
import static io.podarmor.internal.sigstore.EntryJson.number;
import static io.podarmor.internal.sigstore.EntryJson.numberOrZero;
import static io.podarmor.internal.sigstore.EntryJson.sha256Hex;
import static io.podarmor.internal.sigstore.EntryJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies a signature's transparency-log (Rekor) entry offline against a {@link TrustedRoot}, for keyless and
 * key-based signatures alike: a legacy cosign signature's {@code dev.sigstore.cosign/bundle} annotation (the
 * SignedEntryTimestamp over a {@code hashedrekord} entry), or a v0.3 bundle's first tlog entry (inclusion proof and
 * signed checkpoint, plus its SET when present, over a {@code dsse} or {@code intoto} entry). The log must be a tlog
 * of the trusted root, valid at the integrated time, and the entry must log this very payload, signature and signer.
 *
 * <pre>{@code
 * Instant logged = new RekorEntries(root).verifyLegacy(annotation, payload, signature, LoggedSigner.publicKey(key));
 * }</pre>
 */
public final class RekorEntries {
    private final TrustedRoot root;

    public RekorEntries(TrustedRoot root) {
        this.root = root;
    }

    /**
     * The Rekor bundle annotation of a legacy signature: its SET, and that its hashedrekord entry logs this payload's
     * hash, this signature and this signer.
     *
     * @param rekorBundle the annotation's JSON, or {@code null} when the layer has none
     * @return the log's integrated time
     * @throws SignatureRejected with the specific reason
     */
    public Instant verifyLegacy(String rekorBundle, byte[] payload, byte[] signature, LoggedSigner signer)
            throws SignatureRejected {
        if (rekorBundle == null || rekorBundle.isBlank()) {
            throw new SignatureRejected("no transparency-log entry (no dev.sigstore.cosign/bundle annotation)");
        }
        String where = "the Rekor bundle annotation";
        JsonNode bundle = json(rekorBundle.getBytes(StandardCharsets.UTF_8), where);
        JsonNode p = bundle.path("Payload");
        String body = text(p, "body", where);
        long integrated = number(p, "integratedTime", where);
        long logIndex = number(p, "logIndex", where);
        byte[] logId;
        try {
            logId = HexFormat.of().parseHex(text(p, "logID", where));
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected("the Rekor bundle annotation's logID is not hex");
        }
        TrustedRoot.Log log = tlog(logId);
        byte[] set = base64(text(bundle, "SignedEntryTimestamp", where), "the Rekor SignedEntryTimestamp");
        Instant time = Instant.ofEpochSecond(integrated);
        RekorSet.verify(log.key(), set, body, integrated, log.logIdHex(), logIndex);
        checkLogValid(log, time);
        checkHashedRekord(json(base64(body, "the Rekor entry body"), "the Rekor entry body"), payload, signature,
                signer);
        return time;
    }

    /**
     * A v0.3 bundle's {@code verificationMaterial.tlogEntries[0]}: its inclusion proof and checkpoint (and SET when
     * present), and that its dsse or intoto entry logs this DSSE payload, signature and signer.
     *
     * @param bundle the bundle document
     * @return the log's integrated time
     * @throws SignatureRejected with the specific reason
     */
    public Instant verifyBundle(JsonNode bundle, byte[] payload, byte[] signature, LoggedSigner signer)
            throws SignatureRejected {
        JsonNode entries = bundle.path("verificationMaterial").path("tlogEntries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new SignatureRejected("no transparency-log entry (the bundle has no tlogEntries)");
        }
        JsonNode entry = entries.get(0);
        String where = "the bundle's tlog entry";
        TrustedRoot.Log log = tlog(base64(text(entry.path("logId"), "keyId", where), "the tlog entry's logId"));
        String bodyBase64 = text(entry, "canonicalizedBody", where);
        byte[] body = base64(bodyBase64, "the tlog entry's canonicalizedBody");
        long logIndex = numberOrZero(entry, "logIndex", where);
        long integrated = number(entry, "integratedTime", where);
        if (integrated <= 0) {
            throw new SignatureRejected("the bundle's tlog entry has no integratedTime (signed timestamps are not"
                    + " supported)");
        }
        Instant time = Instant.ofEpochSecond(integrated);
        JsonNode proof = entry.path("inclusionProof");
        if (!proof.isObject()) {
            throw new SignatureRejected("the bundle's tlog entry has no inclusion proof");
        }
        checkInclusion(proof, body, log);
        JsonNode promise = entry.path("inclusionPromise");
        if (promise.isObject()) {
            byte[] set = base64(text(promise, "signedEntryTimestamp", "the inclusion promise"),
                    "the inclusion promise");
            RekorSet.verify(log.key(), set, bodyBase64, integrated, log.logIdHex(), logIndex);
        }
        checkLogValid(log, time);
        checkEnvelopeEntry(json(body, "the tlog entry body"), payload, signature, signer);
        return time;
    }

    private TrustedRoot.Log tlog(byte[] logId) throws SignatureRejected {
        return root.tlog(logId).orElseThrow(() -> new SignatureRejected("the transparency-log entry is from log "
                + HexFormat.of().formatHex(logId) + ", which is not a tlog of the trusted root"));
    }

    private static void checkLogValid(TrustedRoot.Log log, Instant time) throws SignatureRejected {
        if (!log.validAt(time)) {
            throw new SignatureRejected("the trusted root's Rekor key " + log.logIdHex() + " was not valid at the"
                    + " integrated time " + time);
        }
    }

    private static void checkInclusion(JsonNode proof, byte[] body, TrustedRoot.Log log) throws SignatureRejected {
        String where = "the inclusion proof";
        long index = numberOrZero(proof, "logIndex", where);
        long treeSize = number(proof, "treeSize", where);
        byte[] rootHash = base64(text(proof, "rootHash", where), "the inclusion proof's rootHash");
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode h : proof.path("hashes")) {
            hashes.add(base64(h.asText(""), "an inclusion proof hash"));
        }
        MerkleProof.verifyInclusion(index, treeSize, MerkleProof.leafHash(body), hashes, rootHash);
        String envelope = proof.path("checkpoint").path("envelope").asText(null);
        if (envelope == null) {
            throw new SignatureRejected("the inclusion proof has no checkpoint");
        }
        Checkpoint checkpoint = Checkpoint.parse(envelope);
        checkpoint.verify(log.key());
        if (checkpoint.size() != treeSize || !MessageDigest.isEqual(checkpoint.rootHash(), rootHash)) {
            throw new SignatureRejected("the signed checkpoint (tree size " + checkpoint.size() + ") is not the tree"
                    + " of the inclusion proof (tree size " + treeSize + ")");
        }
    }

    /** A legacy signature's hashedrekord entry must log this payload's hash, this signature and this signer. */
    private static void checkHashedRekord(JsonNode body, byte[] payload, byte[] signature, LoggedSigner signer)
            throws SignatureRejected {
        String kind = body.path("kind").asText("");
        if (!"hashedrekord".equals(kind)) {
            throw new SignatureRejected("the Rekor entry is a " + (kind.isEmpty() ? "entry of no kind" : kind)
                    + " entry, expected hashedrekord");
        }
        JsonNode spec = body.path("spec");
        String hash = spec.path("data").path("hash").path("value").asText("");
        if (!hash.equalsIgnoreCase(sha256Hex(payload))) {
            throw new SignatureRejected("the Rekor entry logs payload hash " + hash + ", not this payload's "
                    + sha256Hex(payload));
        }
        if (!decodesTo(spec.path("signature").path("content").asText(""), signature)) {
            throw new SignatureRejected("the Rekor entry logs another signature");
        }
        if (!signer.isLogged(decodeOrEmpty(spec.path("signature").path("publicKey").path("content").asText("")))) {
            throw new SignatureRejected("the Rekor entry logs another " + signer.what());
        }
    }

    /** A bundle's dsse (0.0.1) or intoto (0.0.2) entry must log this payload, this signature and this signer. */
    private static void checkEnvelopeEntry(JsonNode body, byte[] payload, byte[] signature, LoggedSigner signer)
            throws SignatureRejected {
        String kind = body.path("kind").asText("");
        JsonNode spec = body.path("spec");
        String payloadHash;
        List<String[]> logged = new ArrayList<>();
        if ("dsse".equals(kind)) {
            payloadHash = spec.path("payloadHash").path("value").asText("");
            for (JsonNode s : spec.path("signatures")) {
                logged.add(new String[] {s.path("signature").asText(""), s.path("verifier").asText("")});
            }
        } else if ("intoto".equals(kind)) {
            payloadHash = spec.path("content").path("payloadHash").path("value").asText("");
            for (JsonNode s : spec.path("content").path("envelope").path("signatures")) {
                logged.add(new String[] {s.path("sig").asText(""), s.path("publicKey").asText("")});
            }
        } else {
            throw new SignatureRejected("the tlog entry is a " + (kind.isEmpty() ? "entry of no kind" : kind)
                    + " entry, expected dsse or intoto");
        }
        if (!payloadHash.equalsIgnoreCase(sha256Hex(payload))) {
            throw new SignatureRejected("the tlog entry logs payload hash " + payloadHash + ", not this envelope's "
                    + sha256Hex(payload));
        }
        for (String[] s : logged) {
            if (decodesTo(s[0], signature) && signer.isLogged(decodeOrEmpty(s[1]))) {
                return;
            }
        }
        throw new SignatureRejected("the tlog entry logs another signature or " + signer.what());
    }

    /** base64 of {@code expected}, or (intoto 0.0.2) base64 of its base64. */
    private static boolean decodesTo(String text, byte[] expected) {
        byte[] once = decodeOrEmpty(text);
        if (MessageDigest.isEqual(once, expected)) {
            return true;
        }
        return MessageDigest.isEqual(decodeOrEmpty(new String(once, StandardCharsets.US_ASCII)), expected);
    }
}
