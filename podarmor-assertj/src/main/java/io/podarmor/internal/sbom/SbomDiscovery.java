package io.podarmor.internal.sbom;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.packages.ShippedSboms;
import io.podarmor.internal.source.EngineImageRegistry;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.internal.source.Origin;
import io.podarmor.supplychain.Sbom;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the SBOMs of an image: SBOM files the image ships under the well-known directories of
 * {@link ShippedSboms#DIRS}; for an image read from a registry or an OCI layout, the SBOMs
 * stored beside it ({@link StoredSboms}); for an engine image with a repo digest, those in its registry.
 */
public final class SbomDiscovery {
  private SbomDiscovery() {}

  /**
   * What discovery found: the readable SBOMs, the attestations some of them were read from, the documents it
   * rejected (with why) and every route it tried.
   */
  public record Found(List<Sbom> sboms, List<SbomAttestation> attestations, List<String> rejected,
      List<String> routes) {
    /** The attestation {@code sbom} (this very instance) was read from, if it came from one. */
    public Optional<SbomAttestation> attestationOf(Sbom sbom) {
      return attestations.stream().filter(a -> a.sbom() == sbom).findFirst();
    }
  }

  /**
   * Looks through every implemented route, once per image and source for the whole run (downloads, parsing and
   * schema validation included). A discovery that found no SBOM is not kept: one attached later is found.
   */
  public static Found find(ContainerImage image) {
    return ImageFacts.of(image).fromSource("sboms", () -> discover(image), found -> !found.sboms().isEmpty());
  }

  private static Found discover(ContainerImage image) {
    SbomCollector out = new SbomCollector();
    out.route("SBOM files in the image: *.json under " + String.join(", ", ShippedSboms.DIRS));
    ImageFilesystem fs = image.filesystem();
    List<FileEntry> files = fs.entries().stream()
        .filter(e -> e.isRegularFile() && ShippedSboms.isSbomFile(e.path()))
        .sorted(Comparator.comparing(FileEntry::path)).toList();
    for (FileEntry file : files) {
      if (!fs.hasContent(file.path())) {
        out.reject("in-image file " + file.path() + ": larger than PodArmor reads (" + file.size() + " bytes)");
        continue;
      }
      try {
        out.add(SbomParser.parse(fs.readString(file.path()).getBytes(StandardCharsets.UTF_8),
            "in-image file " + file.path()));
      } catch (IllegalArgumentException e) {
        out.reject(e.getMessage());
      }
    }
    Origin origin = ImageFacts.of(image).origin();
    if (origin instanceof Origin.Registry r) {
      StoredSboms.inRegistry(r.registry(), out);
    } else if (origin instanceof Origin.Layout l) {
      StoredSboms.inLayout(l.layout(), out);
    } else if (origin instanceof Origin.Foreign f) {
      out.route("the image's source: none, " + image.reference() + " is a " + f.type() + ", not an image PodArmor "
          + "read");
    }
    if (origin instanceof Origin.Engine) {
      try {
        StoredSboms.inRegistry(EngineImageRegistry.origin(image), out);
      } catch (EngineImageRegistry.NotInRegistry e) {
        out.route("the engine image's registry: not looked up, " + e.getMessage());
      }
    }
    return new Found(List.copyOf(out.sboms), List.copyOf(out.attestations), List.copyOf(out.rejected),
        List.copyOf(out.routes));
  }
}
