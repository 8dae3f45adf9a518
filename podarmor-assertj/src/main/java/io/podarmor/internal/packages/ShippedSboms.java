package io.podarmor.internal.packages;

import io.podarmor.internal.fs.RetainedFiles;
import java.util.List;

/** Where images ship SBOMs of their own packages (Wolfi/Chainguard: {@code /var/lib/db/sbom}): JSON files only. */
public final class ShippedSboms {
  /** The directories looked in. */
  public static final List<String> DIRS = List.of("/var/lib/db/sbom/", "/usr/share/sbom/", "/usr/local/share/sbom/",
      "/opt/sbom/", "/sbom/");
  /** What the layer pass keeps for SBOM discovery: every shipped SBOM file, up to 16 MiB each. */
  public static final RetainedFiles RETAINED = new RetainedFiles("SBOM files", ShippedSboms::isSbomFile, 16L << 20);

  private ShippedSboms() {}

  /** True for a JSON file under one of {@link #DIRS}. */
  public static boolean isSbomFile(String path) {
    return path.endsWith(".json") && DIRS.stream().anyMatch(path::startsWith);
  }
}
