package io.podarmor.internal.oci;

import io.podarmor.internal.blob.Digests;

/**
 * The tags cosign stores artifacts of an image under, built here only: {@code sha256-<hex>} (also the OCI 1.1
 * referrers tag fallback), and its {@code .sig}, {@code .att} and {@code .sbom} suffixes.
 *
 * <pre>{@code
 * CosignTags.signature("sha256:ab12…");   // "sha256-ab12….sig"
 * }</pre>
 */
public final class CosignTags {
  private CosignTags() {}

  /** {@code sha256-<hex>}: the referrers tag fallback, and the stem of cosign's tags. */
  public static String of(String digest) {
    return "sha256-" + Digests.hex(digest);
  }

  /** {@code sha256-<hex>.sig}: cosign's legacy signature manifest. */
  public static String signature(String digest) {
    return of(digest) + ".sig";
  }

  /** {@code sha256-<hex>.att}: cosign's attestation manifest. */
  public static String attestation(String digest) {
    return of(digest) + ".att";
  }

  /** {@code sha256-<hex>.sbom}: {@code cosign attach sbom}'s manifest. */
  public static String sbom(String digest) {
    return of(digest) + ".sbom";
  }

  /** True for such a tag, alone or as {@code name:tag} (a layout's ref name). */
  public static boolean isCosignTag(String refName) {
    return refName.matches("(?:.*:)?sha256-[0-9a-f]{64}(?:\\.(?:sig|att|sbom))?");
  }

  /** True when a layout ref name ({@code tag} or {@code name:tag}) names exactly this tag. */
  public static boolean names(String refName, String tag) {
    return refName.equals(tag) || refName.endsWith(":" + tag);
  }
}
