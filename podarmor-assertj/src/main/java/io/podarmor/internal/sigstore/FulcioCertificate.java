package io.podarmor.internal.sigstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * A Fulcio leaf certificate: its signer identity (SAN email or URI), its OIDC issuer (Fulcio's extensions) and its
 * validity at a given time. Its chain and embedded SCT are sigstore-java's to verify ({@code FulcioVerifier}).
 */
public final class FulcioCertificate {
    /** Fulcio's OIDC issuer (v2): a DER UTF8String. */
    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    /** Fulcio's OIDC issuer (v1, deprecated): the raw string. */
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

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
}
