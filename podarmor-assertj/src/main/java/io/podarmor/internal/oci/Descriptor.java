package io.podarmor.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Digests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor, PodArmor's one model of it for sources, the registry, signatures and SBOMs: media type,
 * digest, size, and the optional platform, annotations and OCI 1.1 {@code artifactType}. Read as the engine's Go
 * decoder reads it ({@link Json}).
 *
 * @param mediaType    the media type, or {@code null}
 * @param digest       a verified-form {@code sha256:<hex>}
 * @param size         the size in bytes, or -1 when none is given
 * @param platform     the platform, or {@code null}
 * @param annotations  the annotations (empty when none)
 * @param artifactType the OCI 1.1 artifact type, or {@code null}
 * @param parentIndex  for a manifest found below a nested index, that index's digest; else {@code null}
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform,
    Map<String, String> annotations, String artifactType, String parentIndex) {
  /** The annotation naming an index entry, e.g. a tag. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * Parses one descriptor.
   *
   * @param what names it in errors
   * @throws ImageException when it is not an object, its digest is not sha256, or a field has the wrong type
   */
  public static Descriptor parse(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new ImageException(what + " is not a JSON object: not a descriptor");
    }
    String digest = Digests.requireSha256(Json.requireText(node, "digest", what, ""), what);
    JsonNode p = Json.object(node, "platform", what, "");
    Platform platform = p == null ? null
        : Platform.of(orUnknown(Json.text(p, "os", what, "platform")),
            orUnknown(Json.text(p, "architecture", what, "platform")), Json.text(p, "variant", what, "platform"));
    Long size = Json.number(node, "size", what, "");
    return new Descriptor(Json.text(node, "mediaType", what, ""), digest, size == null ? -1 : size, platform,
        Json.stringMap(node, "annotations", what, ""), Json.text(node, "artifactType", what, ""), null);
  }

  /** Every descriptor of a JSON array ({@code manifests} of an index, {@code layers} of a manifest). */
  public static List<Descriptor> parseAll(JsonNode array, String what) {
    List<Descriptor> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      int i = 0;
      for (JsonNode n : array) {
        out.add(parse(n, what + " entry " + i++));
      }
    }
    return out;
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
  }

  /** This descriptor as listed below the nested index {@code parent}, taking its platform when it has none. */
  public Descriptor below(Descriptor parent) {
    return new Descriptor(mediaType, digest, size, platform == null ? parent.platform : platform, annotations,
        artifactType, parent.digest);
  }

  /** The annotation {@value #REF_NAME}, or {@code ""}. */
  public String refName() {
    return annotations.getOrDefault(REF_NAME, "");
  }

  /** BuildKit's attestation manifests sit in an index as {@code unknown/unknown}; they are not platforms. */
  public boolean isAttestation() {
    return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
        || (platform != null && "unknown".equals(platform.os()) && "unknown".equals(platform.architecture()));
  }

  /**
   * A signature, attestation or other artifact stored next to images in a layout's {@code index.json}, not an image:
   * an OCI 1.1 artifact ({@code artifactType}), a cosign tag ({@link CosignTags}) as its ref name, or a
   * {@code cosign save} entry of a kind other than the image.
   */
  public boolean isSupplyChainArtifact() {
    String kind = annotations.getOrDefault("kind", "");
    return artifactType != null || CosignTags.isCosignTag(refName())
        || (kind.startsWith("dev.cosignproject.cosign/") && !kind.equals("dev.cosignproject.cosign/image"));
  }

  @Override
  public String toString() {
    return digest + (platform == null ? "" : " (" + platform + ")");
  }
}
