package io.podarmor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs images the way cosign does, with a real key pair made here: legacy {@code sha256-<hex>.sig} manifests (a
 * simple-signing payload layer with the {@code dev.cosignproject.cosign/signature} annotation) and cosign v3
 * Sigstore bundles (a DSSE envelope over an in-toto statement with predicate {@code https://sigstore.dev/cosign/sign/v1})
 * as OCI 1.1 referrers; writes the public key as PEM, like {@code cosign.pub}.
 *
 * <pre>{@code
 * CosignSigner signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
 * Path pub = signer.writePublicKey(tmp.resolve("cosign.pub"));
 * registry.push("signing/app", CosignSigner.legacyTag(digest), signer.legacySignature(digest));
 * }</pre>
 */
public final class CosignSigner {
  /** The key types cosign signs with. */
  public enum Algorithm {
    ECDSA_P256("EC", "SHA256withECDSA"),
    RSA("RSA", "SHA256withRSA"),
    ED25519("Ed25519", "Ed25519");

    final String keyAlgorithm;
    final String signatureAlgorithm;

    Algorithm(String keyAlgorithm, String signatureAlgorithm) {
      this.keyAlgorithm = keyAlgorithm;
      this.signatureAlgorithm = signatureAlgorithm;
    }
  }

  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Algorithm algorithm;
  private final KeyPair keys;
  private String certificatePem;

  private CosignSigner(Algorithm algorithm, KeyPair keys) {
    this.algorithm = algorithm;
    this.keys = keys;
  }

  /** A fresh key pair of this type (P-256 for ECDSA, 2048 bits for RSA). */
  public static CosignSigner generate(Algorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyAlgorithm);
      if (algorithm == Algorithm.ECDSA_P256) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else if (algorithm == Algorithm.RSA) {
        g.initialize(2048);
      }
      return new CosignSigner(algorithm, g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the public key as a PEM {@code PUBLIC KEY} (what {@code cosign.pub} holds) and returns the path. */
  public Path writePublicKey(Path file) {
    try {
      return Files.writeString(file, publicKeyPem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public key (Rekor v2 logs its DER). */
  public java.security.PublicKey publicKey() {
    return keys.getPublic();
  }

  /** The public key as PEM, as {@code cosign.pub} holds it and Rekor v1 logs it. */
  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
            keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * A signer whose key comes with a self-signed certificate naming {@code email} (made with the JDK's
   * {@code keytool}): enough to stand for a keyless signature where no trusted root is configured; chains to no CA.
   */
  public static CosignSigner selfSignedCertificate(Path dir, String email) {
    Path store = dir.resolve("keyless-" + System.nanoTime() + ".p12");
    char[] password = "changeit".toCharArray();
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "signer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=sigstore",
        "-ext", "san=email:" + email, "-validity", "1", "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit", "-keypass", "changeit");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + out);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(store)) {
        ks.load(in, password);
      }
      X509Certificate cert = (X509Certificate) ks.getCertificate("signer");
      PrivateKey key = (PrivateKey) ks.getKey("signer", password);
      CosignSigner signer = new CosignSigner(Algorithm.ECDSA_P256, new KeyPair(cert.getPublicKey(), key));
      signer.certificatePem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
          "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
      return signer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A legacy keyless-style signature: the payload signed, with the certificate annotation. */
  public TestManifest legacyCertificateSignature(String dockerReference, String digest) {
    byte[] payload = simpleSigningPayload(dockerReference, digest);
    return legacyManifest(payload, sign(payload), Map.of("dev.sigstore.cosign/certificate", certificatePem));
  }

  /** {@code sha256:<hex>} of the DER public key, as PodArmor fingerprints keys. */
  public String fingerprint() {
    return TestImage.sha256(keys.getPublic().getEncoded());
  }

  /** The tag cosign stores legacy signatures of {@code digest} under: {@code sha256-<hex>.sig}. */
  public static String legacyTag(String digest) {
    return "sha256-" + TestImage.hex(digest) + ".sig";
  }

  /** The simple-signing payload cosign signs for {@code digest}. */
  public static byte[] simpleSigningPayload(String dockerReference, String digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},\"image\":{"
        + "\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}").getBytes(StandardCharsets.UTF_8);
  }

  /** Signs these bytes as cosign does with this key type. */
  public byte[] sign(byte[] data) {
    try {
      java.security.Signature s = java.security.Signature.getInstance(algorithm.signatureAlgorithm);
      s.initSign(keys.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A legacy signature manifest over {@code digest}. */
  public TestManifest legacySignature(String dockerReference, String digest) {
    byte[] payload = simpleSigningPayload(dockerReference, digest);
    return legacyManifest(payload, sign(payload), Map.of());
  }

  /** A legacy signature manifest whose signature was made over a payload other than the one stored. */
  public TestManifest tamperedLegacySignature(String dockerReference, String digest) {
    byte[] signed = simpleSigningPayload(dockerReference, digest);
    byte[] stored = simpleSigningPayload(dockerReference + "-tampered", digest);
    return legacyManifest(stored, sign(signed), Map.of());
  }

  /** A legacy manifest with this payload, signature and extra layer annotations (certificate, chain, bundle). */
  public static TestManifest legacyManifest(byte[] payload, byte[] signature, Map<String, String> extra) {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + TestImage.sha256(payload) + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", TestManifest.OCI_MANIFEST);
    TestManifest.descriptor(manifest.putObject("config"), TestManifest.OCI_CONFIG, config, blobs);
    ArrayNode layers = manifest.putArray("layers");
    ObjectNode layer = layers.addObject();
    TestManifest.descriptor(layer, SIMPLE_SIGNING, payload, blobs);
    ObjectNode annotations = layer.putObject("annotations");
    annotations.put("dev.cosignproject.cosign/signature", Base64.getEncoder().encodeToString(signature));
    extra.forEach(annotations::put);
    return TestManifest.raw(TestManifest.OCI_MANIFEST, bytes(manifest), blobs, null);
  }

  /** The in-toto statement cosign v3 signs for an image. */
  public static byte[] statement(String digest, String predicateType) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"image\",\"digest\":{\"sha256\":\""
        + TestImage.hex(digest) + "\"}}],\"predicateType\":\"" + predicateType + "\",\"predicate\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A key-based cosign v3 bundle signing {@code digest} with this predicate type. */
  public byte[] bundle(String digest, String predicateType) {
    byte[] payload = statement(digest, predicateType);
    return bytes(bundleNode(payload, sign(pae("application/vnd.in-toto+json", payload))));
  }

  /** A key-based bundle over this in-toto statement and its DSSE signature, without tlogEntries. */
  ObjectNode bundleNode(byte[] payload, byte[] signature) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", BUNDLE);
    root.putObject("verificationMaterial").putObject("publicKey").put("hint", fingerprint());
    ObjectNode dsse = root.putObject("dsseEnvelope");
    dsse.put("payload", Base64.getEncoder().encodeToString(payload));
    dsse.put("payloadType", "application/vnd.in-toto+json");
    dsse.putArray("signatures").addObject().put("sig", Base64.getEncoder().encodeToString(signature))
        .put("keyid", "");
    return root;
  }

  /** The referrer manifest carrying a bundle for a subject manifest. */
  public static TestManifest bundleReferrer(byte[] bundle, String subjectMediaType, String subjectDigest,
      long subjectSize) {
    return TestManifest.artifact(BUNDLE, BUNDLE, bundle, subjectMediaType, subjectDigest, subjectSize,
        Map.of("dev.sigstore.bundle.content", "dsse-envelope", "dev.sigstore.bundle.predicateType", SIGN_PREDICATE));
  }

  /**
   * The referrers index the tag-schema fallback keeps under {@code sha256-<hex>} for a registry without the referrers
   * API: one entry per referrer, with its artifact type.
   */
  public static TestManifest fallbackIndex(TestManifest... referrers) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", TestManifest.OCI_INDEX);
    ArrayNode entries = index.putArray("manifests");
    for (TestManifest r : referrers) {
      entries.addObject().put("mediaType", r.mediaType()).put("digest", r.digest()).put("size", r.size())
          .put("artifactType", r.artifactType());
    }
    return TestManifest.raw(TestManifest.OCI_INDEX, bytes(index), Map.of(), null);
  }

  /**
   * Stores signature manifests in an OCI layout next to its image: every blob, and an {@code index.json} entry for
   * each manifest with these annotations (e.g. {@code org.opencontainers.image.ref.name: sha256-<hex>.sig}).
   */
  public static void addToLayout(Path layout, TestManifest manifest, Map<String, String> annotations) {
    try {
      Path blobs = layout.resolve("blobs").resolve("sha256");
      for (Map.Entry<String, byte[]> b : manifest.blobs().entrySet()) {
        Files.write(blobs.resolve(TestImage.hex(b.getKey())), b.getValue());
      }
      Files.write(blobs.resolve(TestImage.hex(manifest.digest())), manifest.bytes());
      ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
      ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
      entry.put("mediaType", manifest.mediaType()).put("digest", manifest.digest()).put("size", manifest.size());
      if (manifest.artifactType() != null) {
        entry.put("artifactType", manifest.artifactType());
      }
      if (!annotations.isEmpty()) {
        ObjectNode a = entry.putObject("annotations");
        annotations.forEach(a::put);
      }
      Files.write(layout.resolve("index.json"), bytes(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] pae(String type, byte[] payload) {
    byte[] head = ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
