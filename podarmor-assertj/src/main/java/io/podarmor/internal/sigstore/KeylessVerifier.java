package io.podarmor.internal.sigstore;

import static io.podarmor.internal.sigstore.EntryJson.base64;
import static io.podarmor.internal.sigstore.EntryJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.fulcio.client.FulcioVerificationException;
import java.io.IOException;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a keyless (Fulcio certificate) signature that sigstore-java's {@code KeylessVerifier} cannot read, offline
 * against a {@link TrustedRoot}: a legacy cosign signature (its Rekor SET in an annotation) and a bundle logged as an
 * {@code intoto} entry. The signature with the certificate's key; the transparency-log entry with a Rekor key of the
 * trusted root, and that it logs this signature and certificate ({@link RekorEntries}); the certificate valid at the
 * log's integrated time, then sigstore-java's {@code FulcioVerifier} for its chain to a Fulcio CA of the trusted root
 * and its embedded SCT. Returns the signer; matching it against a policy is the caller's job.
 */
public final class KeylessVerifier {
    /** A verified keyless signer. */
    public record Signer(String identity, String issuer, Instant integratedTime) {}

    private final TrustedRoot root;
    private final RekorEntries log;

    public KeylessVerifier(TrustedRoot root) {
        this.root = root;
        this.log = new RekorEntries(root);
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
        Instant time = log.verifyLegacy(rekorBundle, payload, signature, LoggedSigner.certificate(leaf));
        return certificateAt(leaf, time);
    }

    /**
     * A Sigstore bundle v0.3 over a DSSE envelope (cosign v3): the DSSE signature, tlogEntries[0]'s inclusion proof
     * and checkpoint (and SET when present), and that its dsse or intoto body logs this envelope.
     *
     * @throws SignatureRejected with the specific reason
     */
    public Signer verifyBundle(byte[] bundleJson) throws SignatureRejected {
        return verifyBundle(json(bundleJson, "the sigstore bundle"));
    }

    /** Like {@link #verifyBundle(byte[])}, for a bundle already parsed. */
    public Signer verifyBundle(JsonNode bundle) throws SignatureRejected {
        String rawCert = leafCertificate(bundle.path("verificationMaterial"));
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
        checkSignature(leaf, Dsse.pae(payloadType, payload), signature);
        Instant time = log.verifyBundle(bundle, payload, signature, LoggedSigner.certificate(leaf));
        return certificateAt(leaf, time);
    }

    /**
     * The base64 DER of a bundle's leaf certificate: its {@code certificate} (v0.3) or the first of its
     * {@code x509CertificateChain} (v0.1, v0.2); {@code null} for a key-based bundle.
     */
    public static String leafCertificate(JsonNode verificationMaterial) {
        String raw = verificationMaterial.path("certificate").path("rawBytes").asText(null);
        if (raw == null) {
            JsonNode chain = verificationMaterial.path("x509CertificateChain").path("certificates");
            raw = chain.isArray() && chain.size() > 0 ? chain.get(0).path("rawBytes").asText(null) : null;
        }
        return raw;
    }

    private static void checkSignature(FulcioCertificate leaf, byte[] signed, byte[] signature)
            throws SignatureRejected {
        if (!SignatureAlgorithms.verifies(leaf.publicKey(), signed, signature)) {
            throw new SignatureRejected("the signature does not verify with the certificate's key (payload or"
                    + " signature altered)");
        }
    }

    /**
     * The certificate valid at the log's time (PodArmor's rule), then sigstore-java's {@code FulcioVerifier}: the
     * chain to a Fulcio CA of the trusted root and the embedded SCT from one of its CT logs.
     */
    private Signer certificateAt(FulcioCertificate leaf, Instant time) throws SignatureRejected {
        leaf.checkValidAt(time);
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf.certificate()));
            root.fulcioVerifier().verifySigningCertificate(path);
        } catch (FulcioVerificationException | CertificateException | IOException | RuntimeException e) {
            throw new SignatureRejected(KeylessBundles.Reasons.of(e, null, leaf.certificate().getNotBefore()
                    .toInstant()), e);
        }
        return new Signer(leaf.identity(), leaf.issuer(), time);
    }
}
