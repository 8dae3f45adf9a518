package io.podarmor.internal.sigstore;

import static io.podarmor.internal.sigstore.EntryJson.base64;
import static io.podarmor.internal.sigstore.EntryJson.decodeOrEmpty;
import static io.podarmor.internal.sigstore.EntryJson.json;
import static io.podarmor.internal.sigstore.EntryJson.number;
import static io.podarmor.internal.sigstore.EntryJson.numberOrZero;
import static io.podarmor.internal.sigstore.EntryJson.sha256Hex;
import static io.podarmor.internal.sigstore.EntryJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.rekor.client.ImmutableInclusionProof;
import dev.sigstore.rekor.client.ImmutableRekorEntry;
import dev.sigstore.rekor.client.ImmutableVerification;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.timestamp.client.ImmutableTimestampResponse;
import dev.sigstore.timestamp.client.TimestampException;
import dev.sigstore.timestamp.client.TimestampResponse;
import dev.sigstore.timestamp.client.TimestampVerificationException;
import dev.sigstore.timestamp.client.TimestampVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
     * A bundle's {@code verificationMaterial.tlogEntries[0]} (Rekor v1 or v2): sigstore-java verifies its inclusion
     * proof, signed checkpoint and SET when present ({@code dev.sigstore.rekor.client.RekorVerifier}) and each RFC 3161
     * timestamp of the bundle against the trusted root's authorities ({@code TimestampVerifier}); PodArmor checks that
     * the signing time is proven (a timestamp, else a SET's integrated time), that the log's key was valid then, and
     * that its dsse (0.0.1, 0.0.2) or intoto (0.0.2) entry logs this DSSE payload, signature and signer.
     *
     * @param bundle the bundle document
     * @return the proven signing time
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
        byte[] logId = base64(text(entry.path("logId"), "keyId", where), "the tlog entry's logId");
        TrustedRoot.Log log = tlog(logId);
        String bodyBase64 = text(entry, "canonicalizedBody", where);
        byte[] body = base64(bodyBase64, "the tlog entry's canonicalizedBody");
        JsonNode proof = entry.path("inclusionProof");
        if (!proof.isObject()) {
            throw new SignatureRejected("the bundle's tlog entry has no inclusion proof");
        }
        String set = entry.path("inclusionPromise").path("signedEntryTimestamp").asText("");
        long integrated = numberOrZero(entry, "integratedTime", where);
        RekorEntry rekorEntry = rekorEntry(entry, proof, bodyBase64, logId, integrated, set);
        try {
            RekorVerifier.newRekorVerifier(root.sigstoreJava()).verifyEntry(rekorEntry);
        } catch (RekorVerificationException | RuntimeException e) {
            throw new SignatureRejected(KeylessBundles.Reasons.of(e, bundle, null), e);
        }
        Instant time = timestamps(bundle, signature);
        if (time == null) {
            if (set.isEmpty() || integrated <= 0) {
                throw new SignatureRejected(KeylessBundles.NO_TIME);
            }
            time = Instant.ofEpochSecond(integrated);
        }
        checkLogValid(log, time);
        checkEnvelopeEntry(json(body, "the tlog entry body"), payload, signature, signer);
        return time;
    }

    /** The entry as sigstore-java's model holds it (hashes in hex, the body and SET in base64). */
    private static RekorEntry rekorEntry(JsonNode entry, JsonNode proof, String bodyBase64, byte[] logId,
            long integrated, String set) throws SignatureRejected {
        String where = "the inclusion proof";
        ImmutableInclusionProof.Builder inclusion = ImmutableInclusionProof.builder()
                .logIndex(numberOrZero(proof, "logIndex", where))
                .treeSize(number(proof, "treeSize", where))
                .rootHash(HexFormat.of().formatHex(base64(text(proof, "rootHash", where),
                        "the inclusion proof's rootHash")))
                .checkpoint(proof.path("checkpoint").path("envelope").asText(""));
        for (JsonNode h : proof.path("hashes")) {
            inclusion.addHashes(HexFormat.of().formatHex(base64(h.asText(""), "an inclusion proof hash")));
        }
        ImmutableVerification.Builder verification = ImmutableVerification.builder().inclusionProof(inclusion.build());
        if (!set.isEmpty()) {
            verification.signedEntryTimestamp(set);
        }
        return ImmutableRekorEntry.builder()
                .body(bodyBase64)
                .integratedTime(integrated)
                .logID(HexFormat.of().formatHex(logId))
                .logIndex(numberOrZero(entry, "logIndex", "the bundle's tlog entry"))
                .verification(verification.build())
                .build();
    }

    /**
     * The earliest time the bundle's RFC 3161 timestamps prove, each verified by sigstore-java against the trusted
     * root's timestamp authorities over {@code signature}; {@code null} when the bundle has none.
     */
    private Instant timestamps(JsonNode bundle, byte[] signature) throws SignatureRejected {
        JsonNode stamps = bundle.path("verificationMaterial").path("timestampVerificationData")
                .path("rfc3161Timestamps");
        Instant earliest = null;
        for (JsonNode stamp : stamps) {
            byte[] der = base64(stamp.path("signedTimestamp").asText(""), "an RFC 3161 timestamp");
            TimestampResponse response = ImmutableTimestampResponse.builder().encoded(der).build();
            Instant at;
            try {
                TimestampVerifier.newTimestampVerifier(root.sigstoreJava()).verify(response, signature);
                at = response.getGenTime().toInstant();
            } catch (TimestampVerificationException | TimestampException | GeneralSecurityException
                    | RuntimeException e) {
                throw new SignatureRejected("the bundle's RFC 3161 timestamp does not verify ("
                        + KeylessBundles.Reasons.chain(e) + ")");
            }
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
        }
        return earliest;
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
        if ("dsse".equals(kind) && spec.has("dsseV002")) {
            // Rekor v2: proto JSON, the digest and signature base64, the verifier a DER key or certificate
            JsonNode v2 = spec.path("dsseV002");
            payloadHash = HexFormat.of().formatHex(decodeOrEmpty(v2.path("payloadHash").path("digest").asText("")));
            for (JsonNode s : v2.path("signatures")) {
                JsonNode verifier = s.path("verifier");
                String der = verifier.path("publicKey").path("rawBytes").asText(
                        verifier.path("x509Certificate").path("rawBytes").asText(""));
                logged.add(new String[] {s.path("content").asText(""), der});
            }
        } else if ("dsse".equals(kind)) {
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
