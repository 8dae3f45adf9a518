package io.podarmor.internal.registry;

import java.util.List;

/**
 * The referrers of a manifest: from the OCI 1.1 referrers API, or from the {@code sha256-<hex>} tag index the
 * tag-schema fallback keeps when the registry has no such API.
 *
 * <pre>{@code
 * Referrers r = client.referrers(ref, digest, "application/vnd.dev.sigstore.bundle.v0.3+json");
 * r.descriptors();  // filtered by artifact type, whichever way they were found
 * }</pre>
 */
public final class Referrers {
  /** Where the list came from. */
  public enum Source {
    /** {@code GET /v2/<name>/referrers/<digest>}. */
    REFERRERS_API,
    /** The {@code sha256-<hex>} tag. */
    FALLBACK_TAG
  }

  private final String subject;
  private final List<OciDescriptor> descriptors;
  private final Source source;

  Referrers(String subject, List<OciDescriptor> descriptors, Source source) {
    this.subject = subject;
    this.descriptors = List.copyOf(descriptors);
    this.source = source;
  }

  /** The digest whose referrers these are. */
  public String subject() {
    return subject;
  }

  /** The referrer manifests' descriptors, in the registry's order; empty when there are none. */
  public List<OciDescriptor> descriptors() {
    return descriptors;
  }

  public Source source() {
    return source;
  }

  @Override
  public String toString() {
    return descriptors.size() + " referrers of " + subject + " (" + source + ")";
  }
}
