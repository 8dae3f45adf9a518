package io.podarmor.internal.sigstore;

import static io.podarmor.internal.sigstore.EntryJson.sha256Hex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.timestamp.client.ImmutableTimestampResponse;
import dev.sigstore.timestamp.client.TimestampException;
import java.io.StringReader;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Verifies a keyless Sigstore bundle with sigstore-java ({@code dev.sigstore.KeylessVerifier}): the certificate chain
 * to a Fulcio CA of the trusted root and its embedded SCT, the signature over the artifact, that the transparency-log
 * entry (Rekor v1 {@code hashedrekord}/{@code dsse} 0.0.1, Rekor v2 0.0.2) logs this signature and certificate, its
 * inclusion proof, checkpoint and SET, and every RFC 3161 timestamp with the certificate valid at its time. On top,
 * PodArmor's own rules, which sigstore-java 2.0.0 does not apply: the signing time must be proven (by a verified RFC
 * 3161 timestamp, else by a verified SET's integrated time, at which the certificate must be valid), and the log's key
 * must be valid at that time. sigstore-java's rejections are said in PodArmor's words ({@link Reasons}).
 */
public final class KeylessBundles {
    static final String NO_TIME = "the bundle has neither a signed entry timestamp (SET) nor an RFC 3161"
            + " timestamp: nothing proves when it was signed";

    private KeylessBundles() {}

    /**
     * Verifies {@code bundle} (its JSON text and its parsed form) as a signature over the artifact whose sha256 is
     * {@code artifactSha256Hex}: a DSSE envelope's in-toto subject, or a message signature's digest.
     *
     * @throws SignatureRejected with the specific reason
     */
    public static KeylessVerifier.Signer verify(TrustedRoot root, String bundleJson, JsonNode bundle,
            String artifactSha256Hex) throws SignatureRejected {
        JsonNode entries = bundle.path("verificationMaterial").path("tlogEntries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new SignatureRejected("no transparency-log entry (the bundle has no tlogEntries)");
        }
        if (!entries.get(0).path("inclusionProof").isObject()) {
            throw new SignatureRejected("the bundle's tlog entry has no inclusion proof");
        }
        Bundle parsed;
        try {
            parsed = Bundle.from(new StringReader(bundleJson));
        } catch (BundleParseException | RuntimeException e) {
            String why = Reasons.chain(e);
            throw new SignatureRejected(why.contains("No timestamp verification") ? NO_TIME
                    : "the bundle cannot be read as a Sigstore bundle: " + why);
        }
        try {
            byte[] artifact = HexFormat.of().parseHex(artifactSha256Hex);
            root.keylessVerifier().verify(artifact, parsed, VerificationOptions.empty());
        } catch (KeylessVerificationException | RuntimeException e) {
            throw new SignatureRejected(Reasons.of(e, bundle, issued(parsed)), e);
        }
        X509Certificate leafCert = (X509Certificate) parsed.getCertPath().getCertificates().get(0);
        FulcioCertificate leaf;
        try {
            leaf = FulcioCertificate.fromDer(leafCert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new SignatureRejected("the bundle certificate cannot be encoded");
        }
        RekorEntry entry = parsed.getEntries().get(0);
        Instant time = signingTime(parsed, entry, leaf);
        byte[] logId = HexFormat.of().parseHex(entry.getLogID());
        TrustedRoot.Log log = root.tlog(logId).orElseThrow(() -> new SignatureRejected("the transparency-log entry is"
                + " from log " + entry.getLogID() + ", which is not a tlog of the trusted root"));
        if (!log.validAt(time)) {
            throw new SignatureRejected("the trusted root's Rekor key " + log.logIdHex() + " was not valid at the"
                    + " signing time " + time);
        }
        return new KeylessVerifier.Signer(leaf.identity(), leaf.issuer(), time);
    }

    private static Instant issued(Bundle bundle) {
        return ((X509Certificate) bundle.getCertPath().getCertificates().get(0)).getNotBefore().toInstant();
    }

    /**
     * When the bundle was signed, as proven: the earliest RFC 3161 timestamp (sigstore-java verified each, and the
     * certificate at each), else the integrated time its verified SET signs, at which the certificate must be valid.
     * A Rekor v2 entry has no SET and its integrated time is not signed: without a timestamp nothing proves the time.
     */
    private static Instant signingTime(Bundle bundle, RekorEntry entry, FulcioCertificate leaf)
            throws SignatureRejected {
        Instant earliest = null;
        for (Bundle.Timestamp t : bundle.getTimestamps()) {
            Instant at;
            try {
                at = ImmutableTimestampResponse.builder().encoded(t.getRfc3161Timestamp()).build().getGenTime()
                        .toInstant();
            } catch (TimestampException e) {
                throw new SignatureRejected("the bundle's RFC 3161 timestamp cannot be read: " + e.getMessage());
            }
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
        }
        if (earliest != null) {
            return earliest;
        }
        String set = entry.getVerification().getSignedEntryTimestamp();
        if (set == null || set.isEmpty() || entry.getIntegratedTime() <= 0) {
            throw new SignatureRejected(NO_TIME);
        }
        Instant integrated = Instant.ofEpochSecond(entry.getIntegratedTime());
        leaf.checkValidAt(integrated);
        return integrated;
    }

    /** sigstore-java's rejections, said as PodArmor says them; anything else is quoted. */
    static final class Reasons {
        private Reasons() {}

        /** {@code bundle}: the bundle document, or {@code null} for a legacy signature. */
        static String of(Exception e, JsonNode bundle, Instant issued) {
            String all = chain(e);
            if (all.contains("DSSE signature was not valid") || all.contains("Artifact signature was not valid")) {
                return "the signature does not verify with the certificate's key (payload or signature altered)";
            }
            if (all.contains("Provided artifact digest does not match")) {
                return "the signed statement does not name this artifact (" + all + ")";
            }
            if (all.contains("Could not parse DSSE payload")) {
                return "the DSSE payload is not an in-toto statement (" + all + ")";
            }
            if (all.contains("No ct logs were provided")) {
                return "the embedded SCT cannot be checked: the trusted root has no ctlogs";
            }
            if (all.contains("No valid SCTs")) {
                return "the embedded SCT does not verify with a CT log of the trusted root";
            }
            if (all.contains("No valid Certificate Authorities") || all.contains("not verifiable against CAs")) {
                return "the certificate does not chain to a Fulcio CA of the trusted root valid when it was issued ("
                        + issued + ")";
            }
            if (all.contains("does not match any provided transparency logs") && bundle != null) {
                JsonNode entry = bundle.path("verificationMaterial").path("tlogEntries").path(0);
                return "the transparency-log entry is from log " + hex(entry.path("logId").path("keyId").asText(""))
                        + ", which is not a tlog of the trusted root";
            }
            if (all.contains("Inclusion proof verification failed")) {
                return "inclusion proof: the audit path does not lead to the signed root hash";
            }
            if (all.contains("Checkpoint signature was invalid")) {
                return "checkpoint signature does not verify with the trusted log key";
            }
            if (all.contains("Checkpoint root hash does not match")) {
                return "the signed checkpoint is not the tree of the inclusion proof";
            }
            if (all.contains("No matching checkpoint signature") || all.contains("Checkpoint key hint")
                    || all.contains("checkpoint")) {
                return "the checkpoint is not signed by the trusted log (" + all + ")";
            }
            if (all.contains("Entry SET")) {
                return "Rekor SignedEntryTimestamp does not verify with the trusted Rekor key";
            }
            if (all.contains("Digest of DSSE payload in bundle does not match") && bundle != null) {
                return "the tlog entry logs payload hash " + loggedPayloadHash(bundle) + ", not this envelope's "
                        + sha256Hex(Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText("")));
            }
            if (all.contains("inconsistent with") || all.contains("does not match signature in log entry")
                    || all.contains("Certificate in rekor entry does not match")
                    || all.contains("Artifact digest does not match digest in log entry")) {
                return "the tlog entry logs another signature or certificate (" + all + ")";
            }
            if (all.contains("RFC3161 timestamp verification failed") && (all.contains("NotAfter: ")
                    || all.contains("NotBefore: "))) {
                return "the certificate was not valid at the time of its RFC 3161 timestamp (" + all + ")";
            }
            if (all.contains("RFC3161 timestamp verification failed")) {
                return "the bundle's RFC 3161 timestamp does not verify (" + all + ")";
            }
            if (all.contains("No timestamp verification")) {
                return NO_TIME;
            }
            return "rejected by sigstore-java: " + all;
        }

        /** The messages of {@code e} and its causes, joined by ": ". */
        static String chain(Throwable e) {
            StringBuilder s = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
                if (s.indexOf(m) < 0) {
                    s.append(s.length() == 0 ? "" : ": ").append(m.replace('\n', ' '));
                }
            }
            return s.toString();
        }

        private static String hex(String base64) {
            try {
                return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                return base64;
            }
        }

        /** The payload hash a dsse entry logs (0.0.1: hex; 0.0.2: base64 digest), as hex. */
        private static String loggedPayloadHash(JsonNode bundle) {
            String body = bundle.path("verificationMaterial").path("tlogEntries").path(0).path("canonicalizedBody")
                    .asText("");
            try {
                JsonNode spec = EntryJson.json(Base64.getDecoder().decode(body), "the tlog entry body").path("spec");
                String v1 = spec.path("payloadHash").path("value").asText("");
                return v1.isEmpty() ? hex(spec.path("dsseV002").path("payloadHash").path("digest").asText("")) : v1;
            } catch (SignatureRejected | IllegalArgumentException e) {
                return "(unreadable)";
            }
        }
    }
}
