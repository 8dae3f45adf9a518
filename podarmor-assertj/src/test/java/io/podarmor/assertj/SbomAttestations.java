package io.podarmor.assertj;

import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * SBOM attestations as cosign writes them, signed with a real key: in-toto statements with an SBOM predicate, DSSE
 * envelopes over them (legacy {@code sha256-<hex>.att} layers) and Sigstore bundles v0.3 (OCI 1.1 referrers).
 */
final class SbomAttestations {
  static final String DSSE = "application/vnd.dsse.envelope.v1+json";
  static final String IN_TOTO = "application/vnd.in-toto+json";
  static final String BUNDLE = CosignSigner.BUNDLE;
  static final String SPDX = "https://spdx.dev/Document";
  static final String CYCLONEDX_V15 = "https://cyclonedx.org/bom/v1.5";

  private SbomAttestations() {}

  /** An in-toto statement about {@code subjectDigest} with this predicate type and predicate JSON. */
  static byte[] statement(String subjectDigest, String predicateType, String predicate) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"" + predicateType + "\","
        + "\"subject\":[{\"name\":\"127.0.0.1:5000/attest/app\",\"digest\":{\"sha256\":\""
        + TestImage.hex(subjectDigest) + "\"}}],\"predicate\":" + predicate + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** DSSE's pre-authentication encoding of an in-toto payload: what the signature signs. */
  static byte[] pae(byte[] payload) {
    byte[] head = ("DSSEv1 " + IN_TOTO.length() + " " + IN_TOTO + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  /** A DSSE envelope carrying {@code payload}, with this signature, or none when {@code null}. */
  static String envelope(byte[] payload, byte[] signature) {
    return "{\"payloadType\":\"" + IN_TOTO + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(payload)
        + "\",\"signatures\":[" + (signature == null ? ""
        : "{\"keyid\":\"\",\"sig\":\"" + Base64.getEncoder().encodeToString(signature) + "\"}") + "]}";
  }

  /** The envelope cosign attest writes: {@code statement}, signed by {@code signer}. */
  static byte[] signed(CosignSigner signer, byte[] statement) {
    return envelope(statement, signer.sign(pae(statement))).getBytes(StandardCharsets.UTF_8);
  }

  /** A cosign v3 bundle over {@code payload} with {@code signature} (made over {@code pae(signedPayload)}). */
  static byte[] bundle(CosignSigner signer, byte[] payload, byte[] signedPayload) {
    return ("{\"mediaType\":\"" + BUNDLE + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\""
        + signer.fingerprint() + "\"}},\"dsseEnvelope\":" + envelope(payload, signer.sign(pae(signedPayload)))
        + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code sha256-<hex>.att} manifest of one DSSE envelope layer. */
  static TestManifest legacyAtt(byte[] envelope, String subjectDigest) {
    return TestManifest.artifact(DSSE, DSSE, envelope, TestManifest.OCI_MANIFEST, subjectDigest, 1, Map.of());
  }

  /** The bundle referrer of {@code subjectDigest}. */
  static TestManifest bundleReferrer(byte[] bundle, String predicateType, String subjectDigest, long subjectSize) {
    return TestManifest.artifact(BUNDLE, BUNDLE, bundle, TestManifest.OCI_MANIFEST, subjectDigest, subjectSize,
        Map.of("dev.sigstore.bundle.content", "dsse-envelope", "dev.sigstore.bundle.predicateType", predicateType));
  }

  /**
   * Pushes a {@code .att} manifest the way older cosign wrote it: the envelope without signatures and the signature
   * in the layer's {@code dev.cosignproject.cosign/signature} annotation; returns the layer digest.
   */
  static String pushAnnotatedAtt(TestRegistry registry, String repo, String subjectDigest, byte[] statement,
      byte[] signature) {
    byte[] envelope = envelope(statement, null).getBytes(StandardCharsets.UTF_8);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String configDigest = registry.pushBlob(repo, config);
    String layerDigest = registry.pushBlob(repo, envelope);
    String manifest = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},
         "layers":[{"mediaType":"%s","digest":"%s","size":%d,
          "annotations":{"dev.cosignproject.cosign/signature":"%s","predicateType":"%s"}}]}"""
        .formatted(configDigest, config.length, DSSE, layerDigest, envelope.length,
            Base64.getEncoder().encodeToString(signature), SPDX);
    registry.pushManifest(repo, subjectDigest.replace(':', '-') + ".att", TestManifest.OCI_MANIFEST,
        manifest.getBytes(StandardCharsets.UTF_8));
    return layerDigest;
  }
}
