package io.podarmor.internal.artifacts;

import io.podarmor.internal.blob.MediaTypes;
import io.podarmor.internal.oci.CosignTags;
import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Json;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.internal.registry.Referrers;
import io.podarmor.internal.source.LayoutOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifacts stored in an OCI layout beside its images: {@code index.json} entries tagged as cosign tags, and OCI
 * 1.1 referrers (manifests whose {@code subject} is the image). Each manifest is read once per store.
 */
public final class LayoutStore implements ArtifactStore {
  private final LayoutOrigin origin;
  private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
  private volatile List<Descriptor> entries;

  public LayoutStore(LayoutOrigin origin) {
    this.origin = origin;
  }

  @Override
  public String name() {
    return "oci:" + origin.dir();
  }

  @Override
  public Optional<Manifest> tagged(String tag) {
    for (Descriptor e : entries()) {
      if (CosignTags.names(e.refName(), tag)) {
        return Optional.of(manifest(e, "tag " + tag + " of " + name()));
      }
    }
    return Optional.empty();
  }

  /** The entries of {@code index.json} that are OCI manifests referring to {@code digest}. */
  @Override
  public Referrers referrers(String digest, String artifactType) {
    List<Descriptor> found = new ArrayList<>();
    for (Descriptor e : entries()) {
      if (e.digest().equals(digest) || !MediaTypes.OCI_MANIFEST.equals(e.mediaType())
          || (artifactType != null && e.artifactType() != null && !artifactType.equals(e.artifactType()))) {
        continue;
      }
      Manifest m = manifest(e, "manifest " + e.digest() + " in " + name());
      String type = m.artifactType() != null ? m.artifactType() : e.artifactType();
      if (m.refersTo(digest) && (artifactType == null || artifactType.equals(type))) {
        found.add(new Descriptor(e.mediaType(), e.digest(), e.size(), e.platform(), e.annotations(), type, null));
      }
    }
    return Referrers.inLayout(digest, found);
  }

  @Override
  public Manifest manifest(Descriptor descriptor, String what) {
    return manifests.computeIfAbsent(descriptor.digest(), d -> Manifest.parse(
        Json.readObject(origin.blob(d, MAX_MANIFEST, what), what), d, what));
  }

  @Override
  public byte[] blob(Descriptor descriptor, long max, String what) {
    return origin.blob(descriptor.digest(), max, what);
  }

  private List<Descriptor> entries() {
    List<Descriptor> e = entries;
    if (e == null) {
      String what = name() + "/index.json";
      e = Descriptor.parseAll(Json.array(origin.index(MAX_MANIFEST), "manifests", what, ""), what);
      entries = e;
    }
    return e;
  }
}
