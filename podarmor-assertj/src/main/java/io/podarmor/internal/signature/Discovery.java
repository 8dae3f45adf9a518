package io.podarmor.internal.signature;

import java.util.List;

/** What signature discovery found for an image: the digests it looked under, where, and every artifact found. */
final class Discovery {
  /** The digests a signature may name: the image manifest's first, then its index's, if any. */
  final List<String> digests;
  /** Where it looked, e.g. {@code 127.0.0.1:5000/acme/api (tags sha256-….sig, referrers)}. */
  final String searched;
  final List<FoundSignature> found;
  /** Said of a digest that is an index: the failure names it. */
  final String indexDigest;

  Discovery(List<String> digests, String indexDigest, String searched, List<FoundSignature> found) {
    this.digests = List.copyOf(digests);
    this.indexDigest = indexDigest;
    this.searched = searched;
    this.found = List.copyOf(found);
  }
}
