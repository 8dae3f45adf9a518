package io.podarmor.internal.artifacts;

import io.podarmor.internal.oci.CosignTags;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.internal.registry.Referrers;
import java.util.Optional;

/**
 * What is stored for one digest in one store, the one walk signature and SBOM discovery share: cosign's tags
 * ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}) and the OCI 1.1 referrers (the referrers API, its tag
 * fallback, or a layout's {@code index.json}). Each part is read when first asked for.
 *
 * <pre>{@code
 * Attached attached = new Attached(store, image.digest());
 * attached.tag(CosignTags.signature(image.digest()));          // the legacy signature manifest, if any
 * for (Descriptor d : attached.referrers(BUNDLE_V03).descriptors()) {
 *   attached.referrer(d).ifPresent(bundle -> ...);             // only referrers whose subject is this digest
 * }
 * }</pre>
 *
 * @param store  where to look
 * @param digest the image manifest's or index's digest
 */
public record Attached(ArtifactStore store, String digest) {
  /** The manifest of one of cosign's tags for this digest ({@link CosignTags}), if the store has it. */
  public Optional<Manifest> tag(String tag) {
    return store.tagged(tag);
  }

  /** The referrers of this digest of this artifact type ({@code null} for all). */
  public Referrers referrers(String artifactType) {
    return store.referrers(digest, artifactType);
  }

  /**
   * The manifest of a listed referrer, when its subject is this digest; empty for one listed for another subject (a
   * stale tag index).
   */
  public Optional<Manifest> referrer(Descriptor listed) {
    Manifest m = store.manifest(listed, "referrer " + listed.digest() + " of " + store.name());
    return m.refersTo(digest) ? Optional.of(m) : Optional.empty();
  }
}
