package io.podarmor.internal.sigstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;

/**
 * A Fulcio leaf certificate: its signer identity (SAN email or URI) and OIDC issuer (Fulcio's extensions), its chain
 * to a CA of the trusted root (PKIX, no revocation) and validity at a given time, and its embedded SCT verified with
 * a CT log key of the trusted root (RFC 6962 precertificate entry).
 */
public final class FulcioCertificate {
    /** Fulcio's OIDC issuer (v2): a DER UTF8String. */
    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    /** Fulcio's OIDC issuer (v1, deprecated): the raw string. */
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    /** RFC 6962 embedded SCT list. */
    static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";

    private final X509Certificate certificate;

    private FulcioCertificate(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /** @throws SignatureRejected when the text is not a PEM X.509 certificate */
    public static FulcioCertificate fromPem(String pem) throws SignatureRejected {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new SignatureRejected("the certificate is not a PEM X.509 certificate");
        }
        return parse(pem.getBytes(StandardCharsets.US_ASCII), "PEM");
    }

    /** @throws SignatureRejected when the bytes are not a DER X.509 certificate */
    public static FulcioCertificate fromDer(byte[] der) throws SignatureRejected {
        return parse(der, "DER");
    }

    private static FulcioCertificate parse(byte[] bytes, String form) throws SignatureRejected {
        try {
            return new FulcioCertificate((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes)));
        } catch (CertificateException | RuntimeException e) {
            throw new SignatureRejected("the certificate is not a " + form + " X.509 certificate");
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    /** Whether {@code other} (PEM or DER bytes of a certificate) is this certificate. */
    boolean sameAs(byte[] other) {
        try {
            FulcioCertificate c = parse(other, "logged");
            return java.util.Arrays.equals(c.certificate.getEncoded(), certificate.getEncoded());
        } catch (SignatureRejected | CertificateException e) {
            return false;
        }
    }

    /** The SAN the certificate was issued to: the first email, else the first URI. */
    public String identity() throws SignatureRejected {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateException e) {
            names = null;
        }
        String uri = null;
        if (names != null) {
            for (List<?> n : names) {
                if (n.size() > 1 && Integer.valueOf(1).equals(n.get(0))) {
                    return String.valueOf(n.get(1));
                }
                if (uri == null && n.size() > 1 && Integer.valueOf(6).equals(n.get(0))) {
                    uri = String.valueOf(n.get(1));
                }
            }
        }
        if (uri == null) {
            throw new SignatureRejected("the certificate has no email or URI subject alternative name");
        }
        return uri;
    }

    /** The OIDC issuer: Fulcio's 1.3.6.1.4.1.57264.1.8 (UTF8String), else 1.3.6.1.4.1.57264.1.1 (raw). */
    public String issuer() throws SignatureRejected {
        byte[] v2 = extension(ISSUER_V2);
        if (v2 != null) {
            try {
                ASN1Primitive p = ASN1Primitive.fromByteArray(v2);
                if (p instanceof ASN1String) {
                    return ((ASN1String) p).getString();
                }
            } catch (IOException e) {
                // reported below
            }
            throw new SignatureRejected("the certificate's OIDC issuer extension " + ISSUER_V2
                    + " is not a UTF8String");
        }
        byte[] v1 = extension(ISSUER_V1);
        if (v1 != null) {
            return new String(v1, StandardCharsets.UTF_8);
        }
        throw new SignatureRejected("the certificate has no Fulcio OIDC issuer extension (" + ISSUER_V2 + " or "
                + ISSUER_V1 + ")");
    }

    /** @throws SignatureRejected unless notBefore ≤ {@code t} ≤ notAfter */
    public void checkValidAt(Instant t) throws SignatureRejected {
        Instant from = certificate.getNotBefore().toInstant();
        Instant to = certificate.getNotAfter().toInstant();
        if (t.isBefore(from) || t.isAfter(to)) {
            throw new SignatureRejected("the certificate was not valid at the log's integrated time " + t
                    + " (valid from " + from + " to " + to + ")");
        }
    }

    /**
     * Validates the chain to a CA of the trusted root that was valid at {@code t}, with every certificate valid at
     * {@code t}; returns the CA whose chain it validated against.
     *
     * @throws SignatureRejected when it chains to none
     */
    public TrustedRoot.CertificateAuthority checkChain(TrustedRoot root, Instant t) throws SignatureRejected {
        for (TrustedRoot.CertificateAuthority ca : root.certificateAuthorities()) {
            if (ca.validAt(t) && chainsTo(ca.chain(), t)) {
                return ca;
            }
        }
        throw new SignatureRejected("the certificate does not chain to a Fulcio CA of the trusted root (valid at "
                + t + ")");
    }

    private boolean chainsTo(List<X509Certificate> chain, Instant t) {
        try {
            List<X509Certificate> path = new ArrayList<>();
            path.add(certificate);
            path.addAll(chain.subList(0, chain.size() - 1));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain.get(chain.size() - 1), null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(t));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return true;
        } catch (CertPathValidatorException | CertificateException | InvalidAlgorithmParameterException
                | NoSuchAlgorithmException e) {
            return false;
        }
    }

    /**
     * Verifies the embedded SCT: one SCT of the list must come from a CT log of the trusted root and verify over the
     * precertificate entry (the issuer's key hash and the TBS certificate without the SCT extension).
     *
     * @param issuer the certificate of the CA that issued this one (from the trusted root)
     */
    public void checkEmbeddedSct(TrustedRoot root, X509Certificate issuer) throws SignatureRejected {
        byte[] list = extension(SCT_LIST);
        if (list == null) {
            throw new SignatureRejected("the certificate has no embedded SCT (" + SCT_LIST + ")");
        }
        List<Sct> scts = Sct.parseList(ASN1OctetString.getInstance(list).getOctets());
        byte[] signedEntry = precertEntry(issuer);
        String reason = "the certificate's SCT list is empty";
        for (Sct sct : scts) {
            var log = root.ctlog(sct.logId);
            if (log.isEmpty()) {
                reason = "the embedded SCT is from CT log " + HexFormat.of().formatHex(sct.logId)
                        + ", which is not a ctlog of the trusted root";
                continue;
            }
            if (SignatureAlgorithms.verifies(log.get().key(), sct.signedData(signedEntry), sct.signature)) {
                return;
            }
            reason = "the embedded SCT does not verify with the key of CT log " + log.get().logIdHex()
                    + " of the trusted root";
        }
        throw new SignatureRejected(reason);
    }

    /** issuer_key_hash (32) || uint24 length || TBS certificate without the SCT list extension. */
    private byte[] precertEntry(X509Certificate issuer) throws SignatureRejected {
        byte[] tbs;
        try {
            tbs = tbsWithoutSct(certificate.getTBSCertificate());
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new SignatureRejected("the certificate's TBS part cannot be read to check its SCT");
        }
        byte[] keyHash = sha256(issuer.getPublicKey().getEncoded());
        byte[] out = new byte[32 + 3 + tbs.length];
        System.arraycopy(keyHash, 0, out, 0, 32);
        out[32] = (byte) (tbs.length >>> 16);
        out[33] = (byte) (tbs.length >>> 8);
        out[34] = (byte) tbs.length;
        System.arraycopy(tbs, 0, out, 35, tbs.length);
        return out;
    }

    static byte[] tbsWithoutSct(byte[] tbs) throws IOException {
        ASN1ObjectIdentifier sctOid = new ASN1ObjectIdentifier(SCT_LIST);
        ASN1EncodableVector out = new ASN1EncodableVector();
        for (ASN1Encodable e : ASN1Sequence.getInstance(tbs)) {
            if (e instanceof ASN1TaggedObject && ((ASN1TaggedObject) e).getTagNo() == 3) {
                ASN1EncodableVector kept = new ASN1EncodableVector();
                for (ASN1Encodable x : ASN1Sequence.getInstance((ASN1TaggedObject) e, true)) {
                    if (!Extension.getInstance(x).getExtnId().equals(sctOid)) {
                        kept.add(x);
                    }
                }
                out.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
            } else {
                out.add(e);
            }
        }
        return new DERSequence(out).getEncoded(ASN1Encoding.DER);
    }

    /** The extension's value (the contents of extnValue), or null. */
    private byte[] extension(String oid) {
        byte[] wrapped = certificate.getExtensionValue(oid);
        return wrapped == null ? null : ASN1OctetString.getInstance(wrapped).getOctets();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One signed certificate timestamp (RFC 6962 section 3.2), v1. */
    static final class Sct {
        final byte[] logId;
        final long timestamp;
        final byte[] extensions;
        final byte[] signature;

        private Sct(byte[] logId, long timestamp, byte[] extensions, byte[] signature) {
            this.logId = logId;
            this.timestamp = timestamp;
            this.extensions = extensions;
            this.signature = signature;
        }

        /** Parses a TLS-encoded SignedCertificateTimestampList. */
        static List<Sct> parseList(byte[] tls) throws SignatureRejected {
            try {
                Reader r = new Reader(tls);
                Reader list = new Reader(r.bytes(r.uint(2)));
                List<Sct> out = new ArrayList<>();
                while (list.remaining() > 0) {
                    Reader s = new Reader(list.bytes(list.uint(2)));
                    int version = (int) s.uint(1);
                    if (version != 0) {
                        throw new SignatureRejected("the embedded SCT has version " + version + ", expected v1 (0)");
                    }
                    byte[] logId = s.bytes(32);
                    long timestamp = s.uint(8);
                    byte[] extensions = s.bytes(s.uint(2));
                    s.uint(1); // hash algorithm
                    s.uint(1); // signature algorithm
                    byte[] signature = s.bytes(s.uint(2));
                    out.add(new Sct(logId, timestamp, extensions, signature));
                }
                return out;
            } catch (IndexOutOfBoundsException e) {
                throw new SignatureRejected("the certificate's embedded SCT list is malformed");
            }
        }

        /** What the CT log signed for a precertificate entry. */
        byte[] signedData(byte[] precertEntry) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(0); // v1
            out.write(0); // certificate_timestamp
            for (int i = 7; i >= 0; i--) {
                out.write((int) (timestamp >>> (8 * i)));
            }
            out.write(0);
            out.write(1); // precert_entry
            out.writeBytes(precertEntry);
            out.write(extensions.length >>> 8);
            out.write(extensions.length);
            out.writeBytes(extensions);
            return out.toByteArray();
        }
    }

    private static final class Reader {
        private final byte[] data;
        private int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        long uint(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (data[pos++] & 0xff);
            }
            return v;
        }

        byte[] bytes(long n) {
            if (pos + n > data.length) {
                throw new IndexOutOfBoundsException();
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, (int) (pos + n));
            pos += (int) n;
            return out;
        }

        int remaining() {
            return data.length - pos;
        }
    }
}
