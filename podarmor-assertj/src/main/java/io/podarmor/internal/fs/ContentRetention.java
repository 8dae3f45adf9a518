package io.podarmor.internal.fs;

import java.util.List;
import java.util.Set;

/**
 * Which files' contents the index keeps: only the small ones checks read, each within a size limit, and all of them
 * within {@link ImageLimits#retainedPerLayer()} per layer and {@link ImageLimits#retainedPerImage()} per image.
 */
public final class ContentRetention {
  private static final long SMALL_FILE_LIMIT = 16L * 1024 * 1024;
  private static final long RPM_DB_LIMIT = 64L * 1024 * 1024;

  private static final Set<String> FILES = Set.of(
      "/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow", "/etc/shells",
      "/etc/os-release", "/usr/lib/os-release",
      "/var/lib/dpkg/status", "/lib/apk/db/installed", "/usr/lib/apk/db/installed");
  private static final Set<String> RPM_DATABASES = Set.of(
      "/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite");
  private static final String DPKG_STATUS_DIR = "/var/lib/dpkg/status.d/";
  /** Where images ship their own SBOMs (Wolfi/Chainguard: /var/lib/db/sbom). */
  public static final List<String> SBOM_DIRS = List.of("/var/lib/db/sbom/", "/usr/share/sbom/",
      "/usr/local/share/sbom/", "/opt/sbom/", "/sbom/");
  private static final long APT_SOURCE_LIMIT = 1024L * 1024;
  private static final String APT_SOURCES = "/etc/apt/sources.list";
  private static final String APT_SOURCES_DIR = "/etc/apt/sources.list.d/";

  private ContentRetention() {}

  /** True when the content of a regular file at this path and of this size is kept. */
  public static boolean retains(String path, long size) {
    long limit = limit(path);
    return limit >= 0 && size <= limit;
  }

  /** The most PodArmor keeps of the file at this path, or -1 when checks never read it. */
  public static long limit(String path) {
    if (FILES.contains(path) || path.startsWith(DPKG_STATUS_DIR) || isSbomFile(path)) {
      return SMALL_FILE_LIMIT;
    }
    if (isAptSource(path)) {
      return APT_SOURCE_LIMIT;
    }
    return RPM_DATABASES.contains(path) ? RPM_DB_LIMIT : -1;
  }

  /** True for a JSON file under one of {@link #SBOM_DIRS}: an SBOM the image ships. */
  public static boolean isSbomFile(String path) {
    if (!path.endsWith(".json")) {
      return false;
    }
    for (String dir : SBOM_DIRS) {
      if (path.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for apt's source lists: {@code /etc/apt/sources.list}, {@code /etc/apt/sources.list.d/*.list} and deb822
   * {@code *.sources} files there.
   */
  public static boolean isAptSource(String path) {
    if (path.equals(APT_SOURCES)) {
      return true;
    }
    if (!path.startsWith(APT_SOURCES_DIR) || path.indexOf('/', APT_SOURCES_DIR.length()) >= 0) {
      return false;
    }
    return path.endsWith(".list") || path.endsWith(".sources");
  }

  /** The paths whose content is kept, for error messages. */
  public static String describe() {
    return "/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow, /etc/shells, os-release, package databases, apt "
        + "sources and SBOM files";
  }
}
