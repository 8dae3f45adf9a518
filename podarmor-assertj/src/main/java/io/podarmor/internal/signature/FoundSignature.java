package io.podarmor.internal.signature;

import io.podarmor.supplychain.Signature;
import java.util.Map;

/**
 * One signature artifact as found next to an image, not yet verified: a legacy cosign layer (its simple-signing
 * payload and the signature, certificate, chain and bundle annotations) or a Sigstore bundle document.
 */
public final class FoundSignature {
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
  public static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
  public static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";

  final Signature.Kind kind;
  /** Where it was found, e.g. {@code tag sha256-….sig of 127.0.0.1:5000/acme/api, layer 1}. */
  final String location;
  /** The simple-signing payload (legacy) or the bundle JSON (bundle). */
  final byte[] content;
  /** The layer's annotations (legacy); empty for bundles. */
  final Map<String, String> annotations;

  FoundSignature(Signature.Kind kind, String location, byte[] content, Map<String, String> annotations) {
    this.kind = kind;
    this.location = location;
    this.content = content;
    this.annotations = Map.copyOf(annotations);
  }

  String annotation(String key) {
    String value = annotations.get(key);
    return value == null || value.isBlank() ? null : value;
  }

  /** How failures name it: {@code cosign signature (tag …, layer 1)}. */
  String describe() {
    return (kind == Signature.Kind.LEGACY_COSIGN ? "cosign signature" : "sigstore bundle") + " (" + location + ")";
  }
}
