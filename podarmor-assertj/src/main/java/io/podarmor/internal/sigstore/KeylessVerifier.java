package io.podarmor.internal.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies a keyless (Fulcio certificate) signature offline against a {@link TrustedRoot}: the signature with the
 * certificate's key; the transparency-log entry (a legacy signature's Rekor SignedEntryTimestamp, or a v0.3 bundle's
 * inclusion proof and signed checkpoint, plus its SET when present) with a Rekor key of the trusted root, and that
 * the logged entry is this signature; the certificate valid at the log's integrated time, chained to a Fulcio CA of
 * the trusted root, with an embedded SCT from a CT log of the trusted root. Returns the signer; matching it against
 * a policy is the caller's job.
 */
public final class KeylessVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A verified keyless signer. */
    public static final class Signer {
        public final String identity;
        public final String issuer;
        public final Instant integratedTime;

        Signer(String identity, String issuer, Instant integratedTime) {
            this.identity = identity;
            this.issuer = issuer;
            this.integratedTime = integratedTime;
        }
    }

    private final TrustedRoot root;

    public KeylessVerifier(TrustedRoot root) {
        this.root = root;
    }

    /**
     * A legacy cosign signature: the simple-signing payload, its signature, the leaf certificate (PEM) and the
     * {@code dev.sigstore.cosign/bundle} annotation (Rekor's SignedEntryTimestamp and the entry it signs).
     *
     * @throws SignatureRejected with the specific reason
     */
    public Signer verifyLegacy(String certificatePem, byte[] payload, byte[] signature, String rekorBundle)
            throws SignatureRejected {
        FulcioCertificate leaf = FulcioCertificate.fromPem(certificatePem);
        checkSignature(leaf, payload, signature);
        if (rekorBundle == null || rekorBundle.isBlank()) {
            throw new SignatureRejected("no transparency-log entry (no dev.sigstore.cosign/bundle annotation)");
        }
        JsonNode bundle = json(rekorBundle.getBytes(StandardCharsets.UTF_8), "the Rekor bundle annotation");
        JsonNode p = bundle.path("Payload");
        String body = text(p, "body", "the Rekor bundle annotation");
        long integrated = number(p, "integratedTime", "the Rekor bundle annotation");
        long logIndex = number(p, "logIndex", "the Rekor bundle annotation");
        String logIdHex = text(p, "logID", "the Rekor bundle annotation");
        byte[] logId;
        try {
            logId = HexFormat.of().parseHex(logIdHex);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected("the Rekor bundle annotation's logID is not hex");
        }
        TrustedRoot.Log log = tlog(logId);
        byte[] set = base64(text(bundle, "SignedEntryTimestamp", "the Rekor bundle annotation"),
                "the Rekor SignedEntryTimestamp");
        Instant time = Instant.ofEpochSecond(integrated);
        RekorSet.verify(log.key(), set, body, integrated, log.logIdHex(), logIndex);
        checkLogValid(log, time);
        checkHashedRekord(json(base64(body, "the Rekor entry body"), "the Rekor entry body"), leaf, payload,
                signature);
        return certificateAt(leaf, time);
    }

    /**
     * A Sigstore bundle v0.3 over a DSSE envelope (cosign v3): the DSSE signature, tlogEntries[0]'s inclusion proof
     * and checkpoint (and SET when present), and that its dsse or intoto body logs this envelope.
     *
     * @throws SignatureRejected with the specific reason
     */
    public Signer verifyBundle(byte[] bundleJson) throws SignatureRejected {
        JsonNode bundle = json(bundleJson, "the sigstore bundle");
        JsonNode material = bundle.path("verificationMaterial");
        String rawCert = material.path("certificate").path("rawBytes").asText(null);
        if (rawCert == null) {
            JsonNode chain = material.path("x509CertificateChain").path("certificates");
            rawCert = chain.isArray() && chain.size() > 0 ? chain.get(0).path("rawBytes").asText(null) : null;
        }
        if (rawCert == null) {
            throw new SignatureRejected("the bundle has no certificate in its verificationMaterial");
        }
        FulcioCertificate leaf = FulcioCertificate.fromDer(base64(rawCert, "the bundle certificate"));
        JsonNode dsse = bundle.path("dsseEnvelope");
        String payloadType = dsse.path("payloadType").asText("");
        byte[] payload = base64(dsse.path("payload").asText(""), "the DSSE payload");
        JsonNode sigs = dsse.path("signatures");
        if (!sigs.isArray() || sigs.size() != 1) {
            throw new SignatureRejected("the DSSE envelope has " + sigs.size() + " signatures, expected 1");
        }
        byte[] signature = base64(sigs.get(0).path("sig").asText(""), "the DSSE signature");
        checkSignature(leaf, pae(payloadType, payload), signature);

        JsonNode entries = material.path("tlogEntries");
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
        checkEnvelopeEntry(json(body, "the tlog entry body"), leaf, payload, signature);
        return certificateAt(leaf, time);
    }

    // ---- shared

    private static void checkSignature(FulcioCertificate leaf, byte[] signed, byte[] signature)
            throws SignatureRejected {
        if (!SignatureCheck.verifies(leaf.publicKey(), signed, signature)) {
            throw new SignatureRejected("the signature does not verify with the certificate's key (payload or"
                    + " signature altered)");
        }
    }

    private Signer certificateAt(FulcioCertificate leaf, Instant time) throws SignatureRejected {
        leaf.checkValidAt(time);
        TrustedRoot.CertificateAuthority ca = leaf.checkChain(root, time);
        leaf.checkEmbeddedSct(root, ca.chain().get(0));
        return new Signer(leaf.identity(), leaf.issuer(), time);
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

    /** A legacy signature's hashedrekord entry must log this payload's hash, this signature and this certificate. */
    private static void checkHashedRekord(JsonNode body, FulcioCertificate leaf, byte[] payload, byte[] signature)
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
        if (!leaf.sameAs(decodeOrEmpty(spec.path("signature").path("publicKey").path("content").asText("")))) {
            throw new SignatureRejected("the Rekor entry logs another certificate");
        }
    }

    /** A bundle's dsse (0.0.1) or intoto (0.0.2) entry must log this payload, this signature and certificate. */
    private static void checkEnvelopeEntry(JsonNode body, FulcioCertificate leaf, byte[] payload, byte[] signature)
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
            if (decodesTo(s[0], signature) && leaf.sameAs(decodeOrEmpty(s[1]))) {
                return;
            }
        }
        throw new SignatureRejected("the tlog entry logs another signature or certificate");
    }

    /** base64 of {@code expected}, or (intoto 0.0.2) base64 of its base64. */
    private static boolean decodesTo(String text, byte[] expected) {
        byte[] once = decodeOrEmpty(text);
        if (MessageDigest.isEqual(once, expected)) {
            return true;
        }
        return MessageDigest.isEqual(decodeOrEmpty(new String(once, StandardCharsets.US_ASCII)), expected);
    }

    private static byte[] decodeOrEmpty(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** DSSE's pre-authentication encoding. */
    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    private static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(FulcioCertificate.sha256(data));
    }

    private static JsonNode json(byte[] bytes, String what) throws SignatureRejected {
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

    private static String text(JsonNode node, String field, String where) throws SignatureRejected {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new SignatureRejected(where + " has no " + field);
        }
        return v.asText();
    }

    /** A number, or (protobuf JSON int64) a decimal string. */
    private static long number(JsonNode node, String field, String where) throws SignatureRejected {
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
    private static long numberOrZero(JsonNode node, String field, String where) throws SignatureRejected {
        return node.path(field).isMissingNode() ? 0 : number(node, field, where);
    }

    private static byte[] base64(String text, String what) throws SignatureRejected {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected(what + " is not base64");
        }
    }
}
