package io.podarmor.internal.signature;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ContainerImage;
import io.podarmor.internal.blob.Digests;
import io.podarmor.internal.sigstore.KeylessVerifier;
import io.podarmor.internal.sigstore.LoggedSigner;
import io.podarmor.internal.sigstore.PublicKeys;
import io.podarmor.internal.sigstore.RekorEntries;
import io.podarmor.internal.sigstore.SignatureAlgorithms;
import io.podarmor.internal.sigstore.SignatureRejected;
import io.podarmor.internal.sigstore.TrustedRoot;
import io.podarmor.internal.sigstore.TufTrustedRoot;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the signatures found for an image against a trust policy. A signature counts only when its signed payload
 * names this image's manifest digest (or the digest of the index it was chosen from), its signature verifies with
 * the policy's public key (and, when the policy also has a trusted root, as {@code cosign verify --key}, an image
 * signature has a transparency-log entry logging it under that key), or its certificate chains to the policy's
 * trusted root with a matching identity and issuer and a valid transparency-log proof. Keys, roots and identities
 * come only from the policy, never from the image or the registry. Attestations ({@link AttestationVerifier}) go
 * through the same DSSE checks (with a key: the key only), their in-toto subject standing for the signed payload.
 */
public final class SignatureVerifier {
  private final TrustPolicy policy;
  /** The trusted root: the policy's or the configured one, else fetched by TUF for the first keyless signature. */
  private TrustedRoot trustedRoot;
  private final PublicKey key;
  private final String keyFingerprint;
  private final Discovery discovery;

  private SignatureVerifier(TrustPolicy policy, TrustedRoot trustedRoot, PublicKey key, Discovery discovery) {
    this.policy = policy;
    this.trustedRoot = trustedRoot;
    this.key = key;
    this.keyFingerprint = key == null ? null : Digests.sha256(key.getEncoded());
    this.discovery = discovery;
  }

  /** Checks the image's signatures against {@code policy}. */
  public static SignatureCheck check(ContainerImage image, TrustPolicy policy) {
    return check(image, policy, policy.trustedRoot().orElse(null));
  }

  /**
   * Checks the image's signatures against {@code policy}, or, when it is {@code null}, accepts any signature that
   * verifies (keyless ones against {@code trustedRoot}; key-based ones cannot verify without a key).
   */
  public static SignatureCheck check(ContainerImage image, TrustPolicy policy, Path trustedRoot) {
    return check(image, policy, trustedRoot, new HashMap<>());
  }

  /**
   * A check of several images (the platforms of one index) against one policy, as {@link #check(ContainerImage,
   * TrustPolicy, Path)}: the signatures stored for a digest they share (their index's) are fetched once.
   */
  public static Function<ContainerImage, SignatureCheck> checker(TrustPolicy policy, Path trustedRoot) {
    Map<String, List<FoundSignature>> fetched = new HashMap<>();
    return image -> check(image, policy, trustedRoot, fetched);
  }

  private static SignatureCheck check(ContainerImage image, TrustPolicy policy, Path trustedRoot,
      Map<String, List<FoundSignature>> fetched) {
    String digest = image.digest();
    PublicKey key = null;
    if (policy != null && policy.publicKey().isPresent()) {
      try {
        key = readKey(policy.publicKey().get());
      } catch (IllegalArgumentException e) {
        return SignatureCheck.undecidable(digest, e.getMessage());
      }
    }
    TrustedRoot root = null;
    if (trustedRoot != null) {
      try {
        root = TrustedRoot.load(trustedRoot);
      } catch (IllegalArgumentException e) {
        return SignatureCheck.undecidable(digest, e.getMessage());
      }
    }
    Discovery discovery;
    try {
      discovery = SignatureDiscovery.discover(image, fetched);
    } catch (SignatureDiscovery.Undecidable e) {
      return SignatureCheck.undecidable(digest, e.getMessage());
    }
    return new SignatureVerifier(policy, root, key, discovery).run(digest);
  }

  /**
   * A verifier of attestations whose in-toto subject must name one of {@code digests} (the image manifest's first,
   * then its index's), under {@code policy} and its trusted root.
   *
   * @throws IllegalArgumentException naming the policy's key file or trusted root when it cannot be used
   */
  static SignatureVerifier forAttestations(TrustPolicy policy, List<String> digests, String indexDigest) {
    PublicKey key = policy.publicKey().map(SignatureVerifier::readKey).orElse(null);
    TrustedRoot root = policy.trustedRoot().map(TrustedRoot::load).orElse(null);
    return new SignatureVerifier(policy, root, key, new Discovery(digests, indexDigest, "", List.of()));
  }

  private SignatureCheck run(String digest) {
    List<Signature> verified = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (FoundSignature f : discovery.found) {
      try {
        verified.add(f.kind == Signature.Kind.LEGACY_COSIGN ? legacy(f) : bundle(f));
      } catch (Rejected r) {
        rejected.add(f.describe() + ": " + r.getMessage());
      }
    }
    return new SignatureCheck(digest, discovery.indexDigest, discovery.searched, verified, rejected, null);
  }

  /** Why one signature does not count. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  // ---- legacy: sha256-<hex>.sig

  private Signature legacy(FoundSignature f) throws Rejected {
    String encoded = f.annotation(FoundSignature.SIGNATURE_ANNOTATION);
    if (encoded == null) {
      throw new Rejected("no " + FoundSignature.SIGNATURE_ANNOTATION + " annotation");
    }
    byte[] signature = base64(encoded, FoundSignature.SIGNATURE_ANNOTATION + " annotation");
    String signed;
    try {
      signed = SignedPayloads.simpleSigningDigest(f.content);
    } catch (SignedPayloads.Unreadable e) {
      throw new Rejected(e.getMessage());
    }
    requireThisImage(List.of(signed), "signs");
    String certificate = f.annotation(FoundSignature.CERTIFICATE_ANNOTATION);
    if (key != null) {
      return withKey(f, f.content, signature, signed, log -> log.verifyLegacy(
          f.annotation(FoundSignature.BUNDLE_ANNOTATION), f.content, signature, LoggedSigner.publicKey(key)));
    }
    if (certificate == null) {
      throw new Rejected(signedWithKey());
    }
    KeylessVerification.Verified v = keyless(certificate, () -> KeylessVerification.legacy(trustedRoot,
        certificate, f.annotation(FoundSignature.CHAIN_ANNOTATION), f.content, signature,
        f.annotation(FoundSignature.BUNDLE_ANNOTATION)));
    return Signature.keyless(f.kind, f.location, signed, v.identity(), v.issuer(), v.integratedTime());
  }

  // ---- sigstore bundle v0.3 (cosign v3)

  private Signature bundle(FoundSignature f) throws Rejected {
    return bundle(f, SignedPayloads::statementDigests, "signs", true);
  }

  /** What an in-toto statement names: its subjects' sha256 digests. */
  private interface Subjects {
    List<String> of(byte[] statement) throws SignedPayloads.Unreadable;
  }

  /**
   * A bundle over a DSSE envelope: its statement's {@code subjects} must name this image (said as {@code names} when
   * not), and its one signature verify under the policy; with a key and a trusted root, an image signature's
   * ({@code keyLogged}) transparency-log entry too.
   */
  private Signature bundle(FoundSignature f, Subjects subjects, String names, boolean keyLogged) throws Rejected {
    JsonNode root;
    try {
      root = SignedPayloads.parse(f.content, "not a sigstore bundle");
    } catch (SignedPayloads.Unreadable e) {
      throw new Rejected(e.getMessage());
    }
    if (!root.path("mediaType").asText("").startsWith("application/vnd.dev.sigstore.bundle")) {
      throw new Rejected("not a sigstore bundle (mediaType " + root.path("mediaType").asText("none") + ")");
    }
    JsonNode dsse = root.get("dsseEnvelope");
    if (dsse == null || !dsse.isObject()) {
      throw new Rejected("a message-signature bundle, which does not say which image it signs (cosign signs images"
          + " with a DSSE envelope over an in-toto statement)");
    }
    DsseEnvelope envelope = envelope(dsse);
    if (envelope.signatures.size() != 1) {
      throw new Rejected("DSSE envelope has " + envelope.signatures.size() + " signatures, expected 1");
    }
    String signed = requireThisImage(statement(envelope, subjects), names);
    byte[] signature = envelope.signatures.get(0);
    LogCall keyLog = keyLogged ? log -> log.verifyBundle(root, envelope.payload, signature,
        LoggedSigner.publicKey(key)) : null;
    return dsse(f, envelope, signature, signed, certificate(root.path("verificationMaterial")),
        () -> KeylessVerification.bundle(trustedRoot, new String(f.content, StandardCharsets.UTF_8), root, signed),
        keyLog);
  }

  // ---- attestations: a legacy sha256-<hex>.att DSSE layer, or a bundle over an in-toto attestation

  /**
   * An attestation: a legacy {@code .att} layer (the DSSE envelope, its signature in the envelope or in the layer's
   * signature annotation) or a Sigstore bundle, whose in-toto subject names this image, signed under the policy.
   */
  Signature attestation(FoundSignature f) throws Rejected {
    if (f.kind == Signature.Kind.SIGSTORE_BUNDLE) {
      return bundle(f, SignedPayloads::attestationSubjects, "its in-toto subject names", false);
    }
    DsseEnvelope envelope;
    try {
      envelope = envelope(SignedPayloads.parse(f.content, "not a DSSE envelope"));
    } catch (SignedPayloads.Unreadable e) {
      throw new Rejected(e.getMessage());
    }
    List<byte[]> signatures = envelope.signatures.stream().filter(b -> b.length > 0).toList();
    if (signatures.size() > 1) {
      throw new Rejected("DSSE envelope has " + signatures.size() + " signatures, expected 1");
    }
    String annotation = f.annotation(FoundSignature.SIGNATURE_ANNOTATION);
    if (signatures.isEmpty() && annotation == null) {
      throw new Rejected("unsigned attestation: its DSSE envelope carries no signature, and the layer no "
          + FoundSignature.SIGNATURE_ANNOTATION + " annotation");
    }
    byte[] signature = signatures.isEmpty()
        ? base64(annotation, FoundSignature.SIGNATURE_ANNOTATION + " annotation") : signatures.get(0);
    String signed = requireThisImage(statement(envelope, SignedPayloads::attestationSubjects),
        "its in-toto subject names");
    String certificate = f.annotation(FoundSignature.CERTIFICATE_ANNOTATION);
    return dsse(f, envelope, signature, signed, certificate, () -> KeylessVerification.legacy(trustedRoot,
        certificate, f.annotation(FoundSignature.CHAIN_ANNOTATION), envelope.pae(), signature,
        f.annotation(FoundSignature.BUNDLE_ANNOTATION)), null);
  }

  private static DsseEnvelope envelope(JsonNode dsse) throws Rejected {
    DsseEnvelope envelope;
    try {
      envelope = DsseEnvelope.parse(dsse);
    } catch (SignedPayloads.Unreadable e) {
      throw new Rejected(e.getMessage());
    }
    if (!SignedPayloads.IN_TOTO.equals(envelope.payloadType)) {
      throw new Rejected("DSSE payload type " + envelope.payloadType + ", expected " + SignedPayloads.IN_TOTO);
    }
    return envelope;
  }

  private static List<String> statement(DsseEnvelope envelope, Subjects subjects) throws Rejected {
    try {
      return subjects.of(envelope.payload);
    } catch (SignedPayloads.Unreadable e) {
      throw new Rejected(e.getMessage());
    }
  }

  /**
   * A DSSE envelope's {@code signature} (over its PAE): with the policy's key (and its log entry by {@code keyLog},
   * when given), or keyless by its certificate.
   */
  private Signature dsse(FoundSignature f, DsseEnvelope envelope, byte[] signature, String signed, String certificate,
      KeylessCall keyless, LogCall keyLog) throws Rejected {
    if (key != null) {
      return withKey(f, envelope.pae(), signature, signed, keyLog);
    }
    if (certificate == null) {
      throw new Rejected(signedWithKey());
    }
    KeylessVerification.Verified v = keyless(certificate, keyless);
    return Signature.keyless(f.kind, f.location, signed, v.identity(), v.issuer(), v.integratedTime());
  }

  /** The leaf certificate of a bundle, as PEM, or null for a key-based bundle. */
  private static String certificate(JsonNode material) {
    String raw = KeylessVerifier.leafCertificate(material);
    return raw == null ? null : "-----BEGIN CERTIFICATE-----\n" + raw + "\n-----END CERTIFICATE-----\n";
  }

  // ---- shared rules

  private interface KeylessCall {
    KeylessVerification.Verified call() throws KeylessVerification.Failed;
  }

  /** Verifies a key-based signature's transparency-log entry; returns its integrated time. */
  private interface LogCall {
    Instant verify(RekorEntries log) throws SignatureRejected;
  }

  /**
   * A signature over {@code data} with the policy's key; with a trusted root (cosign's default) also its
   * transparency-log entry by {@code logCall}, when given.
   */
  private Signature withKey(FoundSignature f, byte[] data, byte[] signature, String signed, LogCall logCall)
      throws Rejected {
    if (!SignatureAlgorithms.verifies(key, data, signature)) {
      throw new Rejected("signature over " + signed + " does not verify with " + policy);
    }
    Instant logged = null;
    if (trustedRoot != null && logCall != null) {
      try {
        logged = logCall.verify(new RekorEntries(trustedRoot));
      } catch (SignatureRejected e) {
        throw new Rejected("signed with " + policy + ", but " + e.getMessage());
      }
    }
    return Signature.withKey(f.kind, f.location, signed, keyFingerprint, logged);
  }

  private KeylessVerification.Verified keyless(String certificatePem, KeylessCall call) throws Rejected {
    String claimed = claimedIdentity(certificatePem);
    if (trustedRoot == null) {
      try {
        trustedRoot = TrustedRoot.load(TufTrustedRoot.trustedRoot(TrustSettings.tufSource(policy)));
      } catch (IllegalArgumentException e) {
        throw new Rejected("keyless signature (certificate for " + claimed + "), but no trusted root to verify it"
            + " with: " + e.getMessage());
      }
    }
    KeylessVerification.Verified v;
    try {
      v = call.call();
    } catch (KeylessVerification.Failed e) {
      throw new Rejected("keyless signature (certificate for " + claimed + "): " + e.getMessage());
    }
    if (policy != null && !policy.acceptsSigner(v.identity(), v.issuer())) {
      throw new Rejected("signed by " + v.identity() + " (issuer " + v.issuer() + "), but the policy wants " + policy);
    }
    return v;
  }

  private String signedWithKey() {
    if (policy != null && policy.identity().isPresent()) {
      return "signed with a key, not by a keyless signer; the policy wants " + policy;
    }
    return "signed with a key, but no public key is configured to verify it (set podarmor.trust.public-key or use"
        + " TrustPolicy.publicKey)";
  }

  /**
   * The signed digest among {@code signed} that is this image's (or its index's); else rejected: {@code <names>
   * <them>, not this image's …}.
   */
  private String requireThisImage(List<String> signed, String names) throws Rejected {
    for (String d : discovery.digests) {
      if (signed.contains(d)) {
        return d;
      }
    }
    String ours = discovery.indexDigest == null ? "this image's " + discovery.digests.get(0)
        : "this image's " + discovery.digests.get(0) + " or its index's " + discovery.indexDigest;
    throw new Rejected(names + " " + String.join(", ", signed) + ", not " + ours);
  }

  /** The policy's PEM public key; an unreadable or unusable file names itself and what is expected. */
  private static PublicKey readKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read public key " + pem + " (" + e.getClass().getSimpleName() + ")");
    }
    return PublicKeys.parsePem(text, pem.toString());
  }

  private static byte[] base64(String text, String what) throws Rejected {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new Rejected(what + " is not base64");
    }
  }

  /** The SAN a certificate claims (unverified; for messages only), or {@code an unreadable certificate}. */
  static String claimedIdentity(String pem) {
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> n : names) {
          if (n.size() > 1 && (Integer.valueOf(1).equals(n.get(0)) || Integer.valueOf(6).equals(n.get(0)))) {
            return String.valueOf(n.get(1));
          }
        }
      }
      return "no email or URI name";
    } catch (CertificateException | RuntimeException e) {
      return "an unreadable certificate";
    }
  }
}
