package io.podarmor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time-stamping authority minted in the tests, as Sigstore's timestamp authority runs one: a self-signed
 * root CA and a TSA leaf certificate (ECDSA P-256, a critical extended key usage of id-kp-timeStamping only) whose
 * tokens name it by an ESSCertIDv2 (SHA-256) signing-certificate attribute. Its {@link #timestamp} answers are the
 * DER-encoded {@code TimeStampResp} (status and token) a Sigstore bundle carries, base64, in
 * {@code verificationMaterial.timestampVerificationData.rfc3161Timestamps[].signedTimestamp}, over the SHA-256 of the
 * signature bytes; {@link #trustedRootEntry} is its element of a {@code trusted_root.json}'s
 * {@code timestampAuthorities}.
 *
 * <pre>{@code
 * TestTimestampAuthority tsa = TestTimestampAuthority.create("tsa");
 * tsa.addTo(sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json")));
 * byte[] signedTimestamp = tsa.timestamp(signature, sigstore.integratedTime());
 * }</pre>
 */
public final class TestTimestampAuthority {
  /** The TSA policy the tokens name (an OID under Sigstore's private enterprise number). */
  public static final String POLICY = "1.3.6.1.4.1.57264.2";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final String name;
  /** The start of the certificates' validity and of the trusted root's {@code validFor}. */
  private final Instant start;
  private final Instant end;
  private final KeyPair rootKey;
  private final X509Certificate rootCert;
  private final KeyPair leafKey;
  private final X509Certificate leafCert;

  private TestTimestampAuthority(String name) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.name = name;
    this.start = now.minus(1, ChronoUnit.DAYS);
    this.end = now.plus(1, ChronoUnit.DAYS);
    this.rootKey = TestSigstore.ecKey();
    this.rootCert = issueRoot();
    this.leafKey = TestSigstore.ecKey();
    this.leafCert = issueLeaf();
  }

  /** A fresh TSA: new root CA and TSA keys, certificates valid from a day ago to a day ahead. */
  public static TestTimestampAuthority create(String name) {
    return new TestTimestampAuthority(name);
  }

  /** The TSA's signing certificate (the leaf of its chain). */
  public X509Certificate certificate() {
    return leafCert;
  }

  /** The TSA's self-signed root CA certificate (the trust anchor of its chain). */
  public X509Certificate rootCertificate() {
    return rootCert;
  }

  /** The URI the trusted root names this TSA by (a timestamp verifier's rejection messages quote it). */
  public String uri() {
    return "https://tsa." + name + ".test/api/v1/timestamp";
  }

  /** A timestamp over the SHA-256 of {@code signature}, generated now; see {@link #timestamp(byte[], Instant)}. */
  public byte[] timestamp(byte[] signature) {
    return timestamp(signature, Instant.now());
  }

  /**
   * The DER-encoded RFC 3161 {@code TimeStampResp} (granted, its token embedding the TSA certificate as a request with
   * {@code certReq} set gets it) over the SHA-256 of {@code signature}, generated at {@code at} (whole seconds).
   */
  public byte[] timestamp(byte[] signature, Instant at) {
    return respond(signature, at, true);
  }

  /** The same, answering a request without {@code certReq}: the token carries no certificate. */
  public byte[] timestampWithoutCertificate(byte[] signature, Instant at) {
    return respond(signature, at, false);
  }

  private byte[] respond(byte[] signature, Instant at, boolean certReq) {
    try {
      TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
      requests.setCertReq(certReq);
      BigInteger nonce = BigInteger.valueOf(SERIAL.incrementAndGet());
      TimeStampRequest request = requests.generate(TSPAlgorithms.SHA256, TestSigstore.sha256(signature), nonce);
      // a SHA-256 certificate hash: the token names its signer by a signing-certificate-v2 attribute (ESSCertIDv2)
      DigestCalculator essCertIdDigest = new JcaDigestCalculatorProviderBuilder().build()
          .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", leafKey.getPrivate(), leafCert),
          essCertIdDigest, new ASN1ObjectIdentifier(POLICY));
      tokens.addCertificates(new JcaCertStore(List.of(leafCert)));
      TimeStampResponse response = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
          .generate(request, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(at));
      return response.getEncoded();
    } catch (IOException | GeneralSecurityException | OperatorCreationException | TSPException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * This TSA's element of a {@code trusted_root.json}'s {@code timestampAuthorities}: subject, uri, the certificate
   * chain (base64 DER, leaf first, root last) and {@code validFor} from the certificates' start, open-ended.
   */
  public ObjectNode trustedRootEntry() {
    ObjectNode tsa = JSON.createObjectNode();
    tsa.putObject("subject").put("organization", name).put("commonName", name + "-tsa");
    tsa.put("uri", uri());
    ArrayNode certs = tsa.putObject("certChain").putArray("certificates");
    certs.addObject().put("rawBytes", b64(TestSigstore.encoded(leafCert)));
    certs.addObject().put("rawBytes", b64(TestSigstore.encoded(rootCert)));
    tsa.putObject("validFor").put("start", start.toString());
    return tsa;
  }

  /** Appends {@link #trustedRootEntry} to {@code trustedRoot}'s {@code timestampAuthorities} (created if absent). */
  public ObjectNode addTo(ObjectNode trustedRoot) {
    ArrayNode tsas = trustedRoot.get("timestampAuthorities") instanceof ArrayNode existing ? existing
        : trustedRoot.putArray("timestampAuthorities");
    tsas.add(trustedRootEntry());
    return trustedRoot;
  }

  /** Rewrites the {@code trusted_root.json} at {@code file} with this TSA added to its {@code timestampAuthorities}. */
  public Path addTo(Path file) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
      return Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(addTo(root)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a {@code trusted_root.json} naming only these TSAs (no transparency logs, CT logs or certificate
   * authorities): enough for a timestamp verifier, not for a whole bundle verification.
   */
  public static Path writeTrustedRoot(Path file, TestTimestampAuthority... tsas) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    root.putArray("tlogs");
    root.putArray("certificateAuthorities");
    root.putArray("ctlogs");
    root.putArray("timestampAuthorities");
    for (TestTimestampAuthority tsa : tsas) {
      tsa.addTo(root);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- helpers

  private X509Certificate issueRoot() {
    try {
      X500Name subject = new X500Name("O=" + name + ",CN=" + name + " tsa root");
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(start), Date.from(end), subject, rootKey.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return sign(b, rootKey.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate issueLeaf() {
    try {
      X500Name issuer = X500Name.getInstance(rootCert.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(start), Date.from(end),
          new X500Name("O=" + name + ",CN=" + name + "-tsa"), leafKey.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      // RFC 3161 2.3: the only purpose, critical; the token's validation refuses any other certificate
      b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
      return sign(b, rootKey.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String b64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
