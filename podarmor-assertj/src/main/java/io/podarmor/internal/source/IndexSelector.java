package io.podarmor.internal.source;

import io.podarmor.internal.oci.Json;
import io.podarmor.internal.oci.Descriptor;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.MediaTypes;
import io.podarmor.internal.fs.ImageLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Walks an index (and the indexes nested in it) down to image manifests, and picks one for a platform. */
final class IndexSelector {
  private static final int MAX_DEPTH = 8;

  private IndexSelector() {}

  /**
   * Every image manifest descriptor reachable from the index, attestations left out, each digest once. Each nested
   * index is read once however often it is listed, and at most {@link ImageLimits#MAX_INDEX_MANIFESTS} descriptors
   * are looked at in all.
   *
   * @param fetch reads a blob by digest
   */
  static List<Descriptor> manifests(JsonNode index, Function<String, byte[]> fetch, String what) {
    Walk walk = new Walk(fetch, what);
    walk.collect(index, what, 0, null);
    return walk.out;
  }

  /** One walk down an index: what it found and what it already read. */
  private static final class Walk {
    final Function<String, byte[]> fetch;
    final String what;
    final List<Descriptor> out = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    int looked;

    Walk(Function<String, byte[]> fetch, String what) {
      this.fetch = fetch;
      this.what = what;
    }

    void collect(JsonNode index, String where, int depth, Descriptor parent) {
      if (depth > MAX_DEPTH) {
        throw new ImageException(what + ": indexes nested more than " + MAX_DEPTH + " deep");
      }
      if (!index.isObject()) {
        throw new ImageException(where + " is not a JSON object: not an image index");
      }
      for (Descriptor d : Descriptor.parseAll(Json.array(index, "manifests", where, ""), where)) {
        if (++looked > ImageLimits.MAX_INDEX_MANIFESTS) {
          throw new ImageException(what + " lists more than " + ImageLimits.MAX_INDEX_MANIFESTS
              + " manifests and indexes in all, PodArmor's limit for one index");
        }
        if (d.isSupplyChainArtifact() || !seen.add(d.digest())) {
          continue; // signatures and attestations stored beside the images (layouts); a digest listed again
        }
        if (MediaTypes.isIndex(d.mediaType())) {
          collect(Json.parse(fetch.apply(d.digest()), where + " nested index " + d.digest()), where + " > " + d.digest(),
              depth + 1, d);
        } else if (MediaTypes.isManifest(d.mediaType()) || d.mediaType() == null) {
          if (!d.isAttestation()) {
            out.add(parent == null ? d : d.below(parent));
          }
        } else {
          throw new ImageException(where + ": entry " + d.digest() + " has unknown media type '" + d.mediaType()
              + "', expected an image manifest or index");
        }
      }
    }
  }

  /** The platforms the manifests declare, in order, without duplicates. */
  static List<Platform> platforms(List<Descriptor> manifests) {
    LinkedHashSet<Platform> set = new LinkedHashSet<>();
    for (Descriptor d : manifests) {
      if (d.platform() != null) {
        set.add(d.platform());
      }
    }
    return new ArrayList<>(set);
  }

  /** The only manifest, or the one for the wanted platform; fails with the choices when that is ambiguous. */
  static Descriptor select(List<Descriptor> manifests, Platform wanted, boolean explicit, String what) {
    if (manifests.isEmpty()) {
      throw new ImageException(what + " holds no image manifest");
    }
    if (manifests.size() == 1 && !explicit) {
      return manifests.get(0);
    }
    List<Descriptor> matching = manifests.stream()
        .filter(d -> d.platform() != null && wanted.matches(d.platform()))
        .collect(Collectors.toList());
    if (matching.isEmpty() && manifests.size() == 1 && manifests.get(0).platform() == null) {
      return manifests.get(0);
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    String choices = manifests.stream().map(Descriptor::toString).collect(Collectors.joining(", "));
    if (matching.isEmpty()) {
      throw new ImageException(what + " has no image for platform " + wanted + "; it has: " + choices);
    }
    throw new ImageException(what + " has " + matching.size() + " images for platform " + wanted
        + ", cannot choose one: " + choices);
  }
}
