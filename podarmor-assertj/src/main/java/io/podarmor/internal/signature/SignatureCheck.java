package io.podarmor.internal.signature;

import io.podarmor.image.ImageException;
import io.podarmor.supplychain.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The outcome of checking an image's signatures against a trust policy: the signatures that verified, every other
 * one found with the reason it does not count, and, when the check could not be made, why.
 */
public final class SignatureCheck {
  private final String digest;
  private final String indexDigest;
  private final String searched;
  private final List<Signature> verified;
  private final List<String> rejected;
  private final String undecidable;

  SignatureCheck(String digest, String indexDigest, String searched, List<Signature> verified, List<String> rejected,
      String undecidable) {
    this.digest = digest;
    this.indexDigest = indexDigest;
    this.searched = searched;
    this.verified = List.copyOf(verified);
    this.rejected = new ArrayList<>(new TreeSet<>(rejected));
    this.undecidable = undecidable;
  }

  static SignatureCheck undecidable(String digest, String reason) {
    return new SignatureCheck(digest, null, null, List.of(), List.of(), reason);
  }

  /** The image manifest's digest. */
  public String digest() {
    return digest;
  }

  /** The digest of the index the image was chosen from, if any. */
  public Optional<String> indexDigest() {
    return Optional.ofNullable(indexDigest);
  }

  /** Where signatures were looked for. */
  public String searched() {
    return searched;
  }

  /** The signatures that verified, in the order found. */
  public List<Signature> verified() {
    return verified;
  }

  /** Every other signature found: {@code <what and where>: <why it does not count>}, sorted. */
  public List<String> rejected() {
    return List.copyOf(rejected);
  }

  /** Why the check could not be made (no signatures can be looked up), if so. */
  public Optional<String> undecidable() {
    return Optional.ofNullable(undecidable);
  }

  public boolean isSigned() {
    return undecidable == null && !verified.isEmpty();
  }

  /** Throws an {@link ImageException} with the reason when the check could not be made. */
  public void throwIfUndecidable() {
    if (undecidable != null) {
      throw new ImageException("Cannot check the signatures of " + digest + ": " + undecidable);
    }
  }

  /**
   * The verified signers as evidence lines: first {@code signed by <signer>[, <signer>…]} (the report's chip detail),
   * then one line per signature: {@code <what> (<where>) over this manifest|its index <digest>}, for a key-based one
   * checked against a transparency log followed by {@code , in the transparency log since <integrated time>}.
   */
  public List<String> evidence() {
    List<String> out = new ArrayList<>();
    java.util.LinkedHashSet<String> signers = new java.util.LinkedHashSet<>();
    verified.forEach(s -> signers.add(s.signer()));
    out.add("signed by " + String.join(", ", signers));
    for (Signature s : verified) {
      out.add((s.kind() == Signature.Kind.LEGACY_COSIGN ? "cosign signature" : "sigstore bundle") + " ("
          + s.location() + ") over " + describeDigest(s.signedDigest())
          + (s.isKeyless() ? "" : s.integratedTime().map(t -> ", in the transparency log since " + t).orElse("")));
    }
    return out;
  }

  /** {@code the image manifest sha256:…} or {@code the index sha256:…}. */
  String describeDigest(String d) {
    return d.equals(indexDigest) ? "its index " + d : "this manifest " + d;
  }
}
