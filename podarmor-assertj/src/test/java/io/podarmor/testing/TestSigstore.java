package io.podarmor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Sigstore instance minted in the tests: a Fulcio-like root CA and intermediate, a CT log key that embeds SCTs
 * (RFC 6962 precertificate entries) in the leaf certificates it issues, and a Rekor log key that signs entry
 * timestamps (SET) and checkpoints of one-entry trees; writes the matching {@code trusted_root.json}. Keyless signers
 * it issues sign images as cosign does: legacy {@code .sig} manifests with certificate, chain and Rekor bundle
 * annotations, and v0.3 bundles over a DSSE in-toto statement with an inclusion proof and checkpoint. Key-based
 * {@link CosignSigner}s log their signatures here through {@link #logged}.
 *
 * <pre>{@code
 * TestSigstore sigstore = TestSigstore.create("sigstore");
 * Path root = sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"));
 * TestSigstore.Signer signer = sigstore.leaf("release@acme.example", "https://issuer.example").issue();
 * registry.push(repo, CosignSigner.legacyTag(digest), signer.legacySignature(digest));
 * }</pre>
 */
public final class TestSigstore {
  public static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  public static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
  public static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final String name;
  /** When the log integrates entries (whole seconds, as Rekor records them). */
  private final Instant now;
  private final KeyPair rootKey;
  private final X509Certificate rootCert;
  private final KeyPair intermediateKey;
  private final X509Certificate intermediateCert;
  private final KeyPair ctKey;
  private final KeyPair rekorKey;

  private TestSigstore(String name) {
    this.name = name;
    this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.rootKey = ecKey();
    this.rootCert = caCertificate("CN=" + name + " root", rootKey, null, null, 1);
    this.intermediateKey = ecKey();
    this.intermediateCert = caCertificate("CN=" + name + " intermediate", intermediateKey, rootCert, rootKey, 0);
    this.ctKey = ecKey();
    this.rekorKey = ecKey();
  }

  /** A fresh test Sigstore: new CA, CT log and Rekor keys, valid from a day ago to a day ahead. */
  public static TestSigstore create(String name) {
    return new TestSigstore(name);
  }

  /** The time the test Rekor records as every entry's integrated time. */
  public Instant integratedTime() {
    return now;
  }

  /** Writes the {@code trusted_root.json} naming this CA chain, the Rekor key and the CT log key. */
  public Path writeTrustedRoot(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    log(root.putArray("tlogs").addObject(), "https://rekor." + name + ".test", rekorKey);
    ObjectNode ca = root.putArray("certificateAuthorities").addObject();
    ca.putObject("subject").put("organization", name).put("commonName", name);
    ca.put("uri", "https://fulcio." + name + ".test");
    ArrayNode certs = ca.putObject("certChain").putArray("certificates");
    certs.addObject().put("rawBytes", b64(encoded(intermediateCert)));
    certs.addObject().put("rawBytes", b64(encoded(rootCert)));
    ca.putObject("validFor").put("start", now.minus(1, ChronoUnit.DAYS).toString());
    log(root.putArray("ctlogs").addObject(), "https://ctfe." + name + ".test", ctKey);
    root.putArray("timestampAuthorities");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void log(ObjectNode node, String url, KeyPair key) {
    node.put("baseUrl", url);
    node.put("hashAlgorithm", "SHA2_256");
    ObjectNode pk = node.putObject("publicKey");
    pk.put("rawBytes", b64(key.getPublic().getEncoded()));
    pk.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    pk.putObject("validFor").put("start", now.minus(1, ChronoUnit.DAYS).toString());
    node.putObject("logId").put("keyId", b64(sha256(key.getPublic().getEncoded())));
  }

  /** A leaf certificate request: an email SAN (or a URI SAN when {@code identity} contains {@code ://}). */
  public Leaf leaf(String identity, String issuer) {
    return new Leaf(identity, issuer);
  }

  /** How the next leaf certificate is issued; by default a well-formed Fulcio certificate valid around now. */
  public final class Leaf {
    private final String identity;
    private final String issuer;
    private Instant notBefore = now.minus(1, ChronoUnit.MINUTES);
    private Instant notAfter = now.plus(10, ChronoUnit.MINUTES);
    private TestSigstore ca = TestSigstore.this;
    private KeyPair sctKey = ctKey;
    private boolean issuerV2 = true;
    private boolean san = true;

    private Leaf(String identity, String issuer) {
      this.identity = identity;
      this.issuer = issuer;
    }

    /** Valid only in [from, to] (e.g. expired before the integrated time). */
    public Leaf validity(Instant from, Instant to) {
      this.notBefore = from;
      this.notAfter = to;
      return this;
    }

    /** Issued by another test Sigstore's intermediate CA (not in this one's trusted root). */
    public Leaf issuedBy(TestSigstore other) {
      this.ca = other;
      return this;
    }

    /** The embedded SCT names this CT log but is signed with another key. */
    public Leaf forgedSct() {
      this.sctKey = ecKey();
      return this;
    }

    /** No subject alternative name (a subject CN instead): a certificate naming no signer. */
    public Leaf withoutSan() {
      this.san = false;
      return this;
    }

    /** Only Fulcio's deprecated v1 issuer extension (a raw string), as older Fulcio certificates carry. */
    public Leaf issuerV1Only() {
      this.issuerV2 = false;
      return this;
    }

    public Signer issue() {
      KeyPair key = ecKey();
      try {
        X500Name issuerName = X500Name.getInstance(ca.intermediateCert.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
            BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
            san ? new X500Name(new org.bouncycastle.asn1.x500.RDN[0]) : new X500Name("CN=nobody"), key.getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        GeneralName san = identity.contains("://") ? new GeneralName(GeneralName.uniformResourceIdentifier, identity)
            : new GeneralName(GeneralName.rfc822Name, identity);
        if (this.san) {
          b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san));
        }
        b.addExtension(new ASN1ObjectIdentifier(ISSUER_V1), false, issuer.getBytes(StandardCharsets.UTF_8));
        if (issuerV2) {
          b.addExtension(new ASN1ObjectIdentifier(ISSUER_V2), false, new DERUTF8String(issuer));
        }
        // the precertificate's TBS (without the SCT list) is what the CT log signs
        byte[] precertTbs = sign(b, ca.intermediateKey.getPrivate()).getTBSCertificate();
        byte[] sct = sct(precertTbs, ca.intermediateCert, sctKey);
        b.addExtension(new ASN1ObjectIdentifier(SCT_LIST), false, new DEROctetString(sct));
        return new Signer(key, sign(b, ca.intermediateKey.getPrivate()));
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** TLS-encoded SignedCertificateTimestampList with one v1 SCT over a precertificate entry. */
  private byte[] sct(byte[] tbs, X509Certificate issuer, KeyPair signingKey) {
    long timestamp = now.toEpochMilli();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0);
    signed.write(0);
    writeUint(signed, timestamp, 8);
    writeUint(signed, 1, 2);
    signed.writeBytes(sha256(issuer.getPublicKey().getEncoded()));
    writeUint(signed, tbs.length, 3);
    signed.writeBytes(tbs);
    writeUint(signed, 0, 2);
    byte[] signature = sign(signingKey.getPrivate(), signed.toByteArray());
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    one.write(0);
    one.writeBytes(sha256(ctKey.getPublic().getEncoded()));
    writeUint(one, timestamp, 8);
    writeUint(one, 0, 2);
    one.write(4); // sha256
    one.write(3); // ecdsa
    writeUint(one, signature.length, 2);
    one.writeBytes(signature);
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    writeUint(list, one.size() + 2, 2);
    writeUint(list, one.size(), 2);
    list.writeBytes(one.toByteArray());
    return list.toByteArray();
  }

  /** A keyless signer: a leaf key and its Fulcio certificate, logging to this test Sigstore's Rekor. */
  public final class Signer {
    private final KeyPair key;
    private final X509Certificate certificate;

    private Signer(KeyPair key, X509Certificate certificate) {
      this.key = key;
      this.certificate = certificate;
    }

    public X509Certificate certificate() {
      return certificate;
    }

    /** A legacy cosign signature over {@code digest} with its certificate, chain and Rekor bundle annotations. */
    public TestManifest legacySignature(String dockerReference, String digest) {
      byte[] payload = CosignSigner.simpleSigningPayload(dockerReference, digest);
      byte[] signature = sign(key.getPrivate(), payload);
      return legacy(payload, signature, rekorBundle(payload, signature, pem(certificate)));
    }

    /** The same, without the Rekor bundle annotation: no transparency-log entry. */
    public TestManifest legacySignatureWithoutLogEntry(String dockerReference, String digest) {
      byte[] payload = CosignSigner.simpleSigningPayload(dockerReference, digest);
      byte[] signature = sign(key.getPrivate(), payload);
      return legacy(payload, signature, null);
    }

    /** Signed and logged over one payload, stored with another (the docker-reference altered). */
    public TestManifest tamperedLegacySignature(String dockerReference, String digest) {
      byte[] payload = CosignSigner.simpleSigningPayload(dockerReference, digest);
      byte[] signature = sign(key.getPrivate(), payload);
      byte[] stored = CosignSigner.simpleSigningPayload(dockerReference + "-tampered", digest);
      return legacy(stored, signature, rekorBundle(payload, signature, pem(certificate)));
    }

    private TestManifest legacy(byte[] payload, byte[] signature, String bundle) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("dev.sigstore.cosign/certificate", pem(certificate));
      annotations.put("dev.sigstore.cosign/chain", pem(intermediateCert) + pem(rootCert));
      if (bundle != null) {
        annotations.put("dev.sigstore.cosign/bundle", bundle);
      }
      return CosignSigner.legacyManifest(payload, signature, annotations);
    }

    /** A v0.3 bundle: a DSSE envelope over cosign v3's in-toto statement naming {@code digest}, logged in Rekor. */
    public byte[] bundle(String digest) {
      return bundle(digest, true);
    }

    /** The same bundle without tlogEntries. */
    public byte[] bundleWithoutLogEntry(String digest) {
      return bundle(digest, false);
    }

    /** The same bundle, logged as Rekor's older {@code intoto} 0.0.2 entry kind instead of {@code dsse}. */
    public byte[] bundleLoggedAsIntoto(String digest) {
      return bundle(digest, true, "intoto");
    }

    private byte[] bundle(String digest, boolean logged) {
      return bundle(digest, logged, "dsse");
    }

    /** A v0.3 bundle over this in-toto statement (an attestation, e.g. an SBOM predicate), logged in Rekor. */
    public byte[] bundleOver(byte[] statement) {
      return bundleOf(statement, true, "dsse");
    }

    private byte[] bundle(String digest, boolean logged, String kind) {
      return bundleOf(CosignSigner.statement(digest, CosignSigner.SIGN_PREDICATE), logged, kind);
    }

    /**
     * The same bundle, also timestamped by {@code tsa} (RFC 3161, over the signature), as cosign signs with
     * {@code --timestamp-server-url}; its Rekor v1 entry keeps its SET.
     */
    public byte[] timestampedBundle(String digest, TestTimestampAuthority tsa) {
      return bundleOf(CosignSigner.statement(digest, CosignSigner.SIGN_PREDICATE), LogStyle.REKOR_V1, tsa);
    }

    /**
     * A bundle as cosign makes it against a Rekor v2 log: a {@code dsse} 0.0.2 entry with its inclusion proof and
     * checkpoint but no integrated time and no SET, and the signing time from an RFC 3161 timestamp of {@code tsa}
     * (none when {@code null}: then nothing proves the time).
     */
    public byte[] rekorV2Bundle(String digest, TestTimestampAuthority tsa) {
      return bundleOf(CosignSigner.statement(digest, CosignSigner.SIGN_PREDICATE), LogStyle.REKOR_V2, tsa);
    }

    private byte[] bundleOf(byte[] payload, boolean logged, String kind) {
      LogStyle log = !logged ? null : kind.equals("dsse") ? LogStyle.REKOR_V1 : LogStyle.INTOTO;
      return bundleOf(payload, log, null);
    }

    /** A v0.3 bundle over this payload, logged in this style (not at all when {@code null}), timestamped by tsa. */
    private byte[] bundleOf(byte[] payload, LogStyle log, TestTimestampAuthority tsa) {
      String type = "application/vnd.in-toto+json";
      byte[] signature = sign(key.getPrivate(), CosignSigner.pae(type, payload));
      ObjectNode root = JSON.createObjectNode();
      root.put("mediaType", CosignSigner.BUNDLE);
      ObjectNode material = root.putObject("verificationMaterial");
      material.putObject("certificate").put("rawBytes", b64(encoded(certificate)));
      ArrayNode entries = material.putArray("tlogEntries");
      ObjectNode dsse = root.putObject("dsseEnvelope");
      dsse.put("payload", b64(payload));
      dsse.put("payloadType", type);
      dsse.putArray("signatures").addObject().put("sig", b64(signature)).put("keyid", "");
      if (log == LogStyle.REKOR_V2) {
        entries.add(rekorV2Entry(payload, signature, "x509Certificate", encoded(certificate)));
      } else if (log != null) {
        entries.add(logEntry(log == LogStyle.INTOTO ? "intoto" : "dsse", payload, signature, bytes(dsse),
            pem(certificate)));
      }
      if (tsa != null) {
        material.putObject("timestampVerificationData").putArray("rfc3161Timestamps").addObject()
            .put("signedTimestamp", b64(tsa.timestamp(signature)));
      }
      return bytes(root);
    }
  }

  /** A legacy signature's Rekor bundle annotation: a SET over a hashedrekord entry naming this verifier PEM. */
  private String rekorBundle(byte[] payload, byte[] signature, String verifierPem) {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", "0.0.1");
    body.put("kind", "hashedrekord");
    ObjectNode spec = body.putObject("spec");
    spec.putObject("data").putObject("hash").put("algorithm", "sha256").put("value", hex(sha256(payload)));
    ObjectNode sig = spec.putObject("signature");
    sig.put("content", b64(signature));
    sig.putObject("publicKey").put("content", b64(verifierPem.getBytes(StandardCharsets.US_ASCII)));
    String bodyB64 = b64(bytes(body));
    long logIndex = 42;
    String logId = hex(sha256(rekorKey.getPublic().getEncoded()));
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("SignedEntryTimestamp", b64(set(bodyB64, logId, logIndex)));
    ObjectNode p = bundle.putObject("Payload");
    p.put("body", bodyB64);
    p.put("integratedTime", now.getEpochSecond());
    p.put("logIndex", logIndex);
    p.put("logID", logId);
    return new String(bytes(bundle), StandardCharsets.UTF_8);
  }

  /** How a bundle's signature is logged. */
  private enum LogStyle {
    REKOR_V1, INTOTO, REKOR_V2
  }

  /**
   * A Rekor v2 {@code dsse} 0.0.2 entry logging this payload and signature under this verifier ({@code
   * x509Certificate} or {@code publicKey}, DER): an inclusion proof and signed checkpoint of a one-entry tree, no
   * integrated time and no SET.
   */
  private ObjectNode rekorV2Entry(byte[] payload, byte[] signature, String verifierKind, byte[] verifierDer) {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", "0.0.2");
    body.put("kind", "dsse");
    ObjectNode spec = body.putObject("spec").putObject("dsseV002");
    spec.putObject("payloadHash").put("algorithm", "SHA2_256").put("digest", b64(sha256(payload)));
    ObjectNode sig = spec.putArray("signatures").addObject();
    sig.put("content", b64(signature));
    ObjectNode verifier = sig.putObject("verifier");
    verifier.putObject(verifierKind).put("rawBytes", b64(verifierDer));
    verifier.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    return provenEntry(body, "dsse", "0.0.2");
  }

  /**
   * A tlog entry of a one-entry tree logging {@code body}: its log id, kind and version, inclusion proof (the root is
   * the leaf) and signed checkpoint; no integrated time and no SET.
   */
  private ObjectNode provenEntry(ObjectNode body, String kind, String version) {
    byte[] canonical = bytes(body);
    byte[] rootHash = leafHash(canonical);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("logIndex", "0");
    entry.putObject("logId").put("keyId", b64(sha256(rekorKey.getPublic().getEncoded())));
    entry.putObject("kindVersion").put("kind", kind).put("version", version);
    ObjectNode proof = entry.putObject("inclusionProof");
    proof.put("logIndex", "0");
    proof.put("rootHash", b64(rootHash));
    proof.put("treeSize", "1");
    proof.putArray("hashes");
    proof.putObject("checkpoint").put("envelope", checkpoint(1, rootHash));
    entry.put("canonicalizedBody", b64(canonical));
    return entry;
  }

  /** A bundle's tlog entry (inclusion proof, checkpoint, SET) for a dsse or intoto entry naming this verifier PEM. */
  private ObjectNode logEntry(String kind, byte[] payload, byte[] signature, byte[] envelope, String verifierPem) {
    ObjectNode body = JSON.createObjectNode();
    String pemB64 = b64(verifierPem.getBytes(StandardCharsets.US_ASCII));
    if (kind.equals("dsse")) {
      body.put("apiVersion", "0.0.1");
      body.put("kind", "dsse");
      ObjectNode spec = body.putObject("spec");
      spec.putObject("envelopeHash").put("algorithm", "sha256").put("value", hex(sha256(envelope)));
      spec.putObject("payloadHash").put("algorithm", "sha256").put("value", hex(sha256(payload)));
      spec.putArray("signatures").addObject().put("signature", b64(signature)).put("verifier", pemB64);
    } else {
      // intoto 0.0.2 keeps the envelope without its payload, the signature base64-encoded twice
      body.put("apiVersion", "0.0.2");
      body.put("kind", "intoto");
      ObjectNode content = body.putObject("spec").putObject("content");
      ObjectNode env = content.putObject("envelope");
      env.put("payloadType", "application/vnd.in-toto+json");
      env.putArray("signatures").addObject().put("sig", b64(b64(signature).getBytes(StandardCharsets.US_ASCII)))
          .put("publicKey", pemB64);
      content.putObject("hash").put("algorithm", "sha256").put("value", hex(sha256(envelope)));
      content.putObject("payloadHash").put("algorithm", "sha256").put("value", hex(sha256(payload)));
    }
    ObjectNode entry = provenEntry(body, kind, kind.equals("dsse") ? "0.0.1" : "0.0.2");
    String logId = hex(sha256(rekorKey.getPublic().getEncoded()));
    entry.put("integratedTime", String.valueOf(now.getEpochSecond()));
    entry.putObject("inclusionPromise").put("signedEntryTimestamp",
        b64(set(entry.get("canonicalizedBody").asText(), logId, 0)));
    return entry;
  }

  /**
   * Logs a key-based cosign signer's signatures in this test Rekor, as {@code cosign sign --key} does by default: its
   * legacy signatures carry the {@code dev.sigstore.cosign/bundle} annotation, its bundles a tlog entry.
   *
   * <pre>{@code
   * registry.push(repo, CosignSigner.legacyTag(digest), sigstore.logged(signer).legacySignature(ref, digest));
   * }</pre>
   */
  public KeyLog logged(CosignSigner signer) {
    return new KeyLog(signer, signer, false, false);
  }

  /** A key-based signer's entries in this test Rekor; by default each logs exactly the signature it comes with. */
  public final class KeyLog {
    private final CosignSigner signer;
    private final CosignSigner loggedKey;
    private final boolean anotherSignature;
    private final boolean tamperedSet;

    private KeyLog(CosignSigner signer, CosignSigner loggedKey, boolean anotherSignature, boolean tamperedSet) {
      this.signer = signer;
      this.loggedKey = loggedKey;
      this.anotherSignature = anotherSignature;
      this.tamperedSet = tamperedSet;
    }

    /** Entries that name {@code other}'s public key instead of the signer's. */
    public KeyLog namingKeyOf(CosignSigner other) {
      return new KeyLog(signer, other, anotherSignature, tamperedSet);
    }

    /** Entries that log another signature of the same payload by the same key (an ECDSA signer: randomized). */
    public KeyLog ofAnotherSignature() {
      return new KeyLog(signer, loggedKey, true, tamperedSet);
    }

    /** Entries whose log index was changed after the Rekor key signed their SET. */
    public KeyLog withTamperedSet() {
      return new KeyLog(signer, loggedKey, anotherSignature, true);
    }

    /** A legacy {@code .sig} manifest over {@code digest} with its Rekor bundle annotation. */
    public TestManifest legacySignature(String dockerReference, String digest) {
      byte[] payload = CosignSigner.simpleSigningPayload(dockerReference, digest);
      byte[] signature = signer.sign(payload);
      ObjectNode bundle;
      try {
        bundle = (ObjectNode) JSON.readTree(rekorBundle(payload, logged(payload, signature),
            loggedKey.publicKeyPem()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (tamperedSet) {
        bundle.withObjectProperty("Payload").put("logIndex", 43);
      }
      return CosignSigner.legacyManifest(payload, signature, Map.of("dev.sigstore.cosign/bundle",
          new String(bytes(bundle), StandardCharsets.UTF_8)));
    }

    /** A cosign v3 bundle signing {@code digest}, with a {@code dsse} tlog entry. */
    public byte[] bundle(String digest) {
      byte[] payload = CosignSigner.statement(digest, CosignSigner.SIGN_PREDICATE);
      byte[] signature = signer.sign(CosignSigner.pae("application/vnd.in-toto+json", payload));
      ObjectNode root = signer.bundleNode(payload, signature);
      ObjectNode entry = logEntry("dsse", payload, logged(CosignSigner.pae("application/vnd.in-toto+json", payload),
          signature), bytes(root.get("dsseEnvelope")), loggedKey.publicKeyPem());
      if (tamperedSet) {
        entry.put("logIndex", "43");
      }
      root.withObjectProperty("verificationMaterial").putArray("tlogEntries").add(entry);
      return bytes(root);
    }

    /**
     * A cosign v3 bundle signing {@code digest} against a Rekor v2 log: a {@code dsse} 0.0.2 entry naming the key's
     * DER, no integrated time, no SET, and the signing time from an RFC 3161 timestamp of {@code tsa} (none when
     * {@code null}).
     */
    public byte[] rekorV2Bundle(String digest, TestTimestampAuthority tsa) {
      byte[] payload = CosignSigner.statement(digest, CosignSigner.SIGN_PREDICATE);
      byte[] signature = signer.sign(CosignSigner.pae("application/vnd.in-toto+json", payload));
      ObjectNode root = signer.bundleNode(payload, signature);
      ObjectNode entry = rekorV2Entry(payload, logged(CosignSigner.pae("application/vnd.in-toto+json", payload),
          signature), "publicKey", loggedKey.publicKey().getEncoded());
      ObjectNode material = root.withObjectProperty("verificationMaterial");
      material.putArray("tlogEntries").add(entry);
      if (tsa != null) {
        material.putObject("timestampVerificationData").putArray("rfc3161Timestamps").addObject()
            .put("signedTimestamp", b64(tsa.timestamp(signature)));
      }
      return bytes(root);
    }

    /** The signature the entry logs: this one, or another over the same signed bytes. */
    private byte[] logged(byte[] signed, byte[] signature) {
      return anotherSignature ? signer.sign(signed) : signature;
    }
  }

  /** The SignedEntryTimestamp: the Rekor key's signature over the canonical JSON of the entry's coordinates. */
  private byte[] set(String bodyB64, String logIdHex, long logIndex) {
    String canonical = "{\"body\":\"" + bodyB64 + "\",\"integratedTime\":" + now.getEpochSecond() + ",\"logID\":\""
        + logIdHex + "\",\"logIndex\":" + logIndex + "}";
    return sign(rekorKey.getPrivate(), canonical.getBytes(StandardCharsets.UTF_8));
  }

  /** A signed-note checkpoint of a tree of {@code size} leaves with this root hash. */
  private String checkpoint(long size, byte[] rootHash) {
    String origin = "rekor." + name + ".test - 1";
    String text = origin + "\n" + size + "\n" + b64(rootHash) + "\n";
    byte[] signature = sign(rekorKey.getPrivate(), text.getBytes(StandardCharsets.UTF_8));
    byte[] hint = java.util.Arrays.copyOf(sha256(rekorKey.getPublic().getEncoded()), 4);
    byte[] raw = new byte[4 + signature.length];
    System.arraycopy(hint, 0, raw, 0, 4);
    System.arraycopy(signature, 0, raw, 4, signature.length);
    return text + "\n\u2014 rekor." + name + ".test " + b64(raw) + "\n";
  }

  // ---- helpers

  private X509Certificate caCertificate(String subject, KeyPair key, X509Certificate issuer, KeyPair issuerKey,
      int pathLength) {
    try {
      X500Name subjectName = new X500Name(subject);
      X500Name issuerName = issuer == null ? subjectName
          : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.DAYS)),
          Date.from(now.plus(1, ChronoUnit.DAYS)), subjectName, key.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return sign(b, (issuerKey == null ? key : issuerKey).getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static byte[] sign(PrivateKey key, byte[] data) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh ECDSA P-256 key pair. */
  static KeyPair ecKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM of a certificate, as cosign writes it. */
  public static String pem(X509Certificate cert) {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(encoded(cert)) + "\n-----END CERTIFICATE-----\n";
  }

  /** The certificate's DER. */
  static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] leafHash(byte[] leaf) {
    byte[] prefixed = new byte[leaf.length + 1];
    System.arraycopy(leaf, 0, prefixed, 1, leaf.length);
    return sha256(prefixed);
  }

  private static void writeUint(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }

  private static String hex(byte[] data) {
    return HexFormat.of().formatHex(data);
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
