package io.podarmor.internal.registry;

import io.podarmor.internal.oci.Descriptor;

import java.util.List;

/**
 * The referrers of a manifest: from the OCI 1.1 referrers API, or from the {@code sha256-<hex>} tag index the
 * tag-schema fallback keeps when the registry has no such API.
 *
 * <pre>{@code
 * Referrers r = client.referrers(ref, digest, "application/vnd.dev.sigstore.bundle.v0.3+json");
 * r.descriptors();  // filtered by artifact type, whichever way they were found
 * }</pre>
 *
 * @param subject     the digest whose referrers these are
 * @param descriptors the referrer manifests' descriptors, in the registry's order; empty when there are none
 * @param source      where the list came from
 */
public record Referrers(String subject, List<Descriptor> descriptors, Source source) {
  /** Where the list came from. */
  public enum Source {
    /** {@code GET /v2/<name>/referrers/<digest>}. */
    REFERRERS_API,
    /** The {@code sha256-<hex>} tag. */
    FALLBACK_TAG,
    /** An OCI layout's {@code index.json}: the manifests there whose subject is the digest. */
    LAYOUT_INDEX
  }

  public Referrers {
    descriptors = List.copyOf(descriptors);
  }

  /** The referrers an OCI layout lists for {@code subject}. */
  public static Referrers inLayout(String subject, List<Descriptor> descriptors) {
    return new Referrers(subject, descriptors, Source.LAYOUT_INDEX);
  }

  @Override
  public String toString() {
    return descriptors.size() + " referrers of " + subject + " (" + source + ")";
  }
}
