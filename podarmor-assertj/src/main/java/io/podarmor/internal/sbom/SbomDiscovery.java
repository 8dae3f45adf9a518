package io.podarmor.internal.sbom;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ContentRetention;
import io.podarmor.internal.source.ImageSources;
import io.podarmor.supplychain.Sbom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the SBOMs of an image: SBOM files the image ships under the well-known directories of
 * {@link ContentRetention#SBOM_DIRS} and, for an image read from a registry, {@link RegistrySboms}.
 */
public final class SbomDiscovery {
  private SbomDiscovery() {}

  /** What discovery found: the readable SBOMs, the documents it rejected (with why) and every route it tried. */
  public record Found(List<Sbom> sboms, List<String> rejected, List<String> routes) {}

  /** Looks through every implemented route. */
  public static Found find(ContainerImage image) {
    List<Sbom> sboms = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<String> routes = new ArrayList<>();
    routes.add("SBOM files in the image: *.json under " + String.join(", ", ContentRetention.SBOM_DIRS));
    ImageFilesystem fs = image.filesystem();
    List<FileEntry> files = fs.entries().stream()
        .filter(e -> e.isRegularFile() && ContentRetention.isSbomFile(e.path()))
        .sorted(Comparator.comparing(FileEntry::path)).toList();
    for (FileEntry file : files) {
      if (!fs.hasContent(file.path())) {
        rejected.add("in-image file " + file.path() + ": larger than PodArmor reads (" + file.size() + " bytes)");
        continue;
      }
      try {
        sboms.add(SbomParser.parse(fs.readString(file.path()).getBytes(StandardCharsets.UTF_8),
            "in-image file " + file.path()));
      } catch (IllegalArgumentException e) {
        rejected.add(e.getMessage());
      }
    }
    ImageSources.registryOrigin(image).ifPresent(origin -> RegistrySboms.find(origin, sboms, rejected, routes));
    return new Found(List.copyOf(sboms), List.copyOf(rejected), List.copyOf(routes));
  }
}
