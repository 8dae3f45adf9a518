package io.podarmor.junit.report;

import io.podarmor.internal.record.Properties;
import java.util.List;

/** A property the report knows: its key, the chip label, and what passing it means. */
enum ReportProperty {
  NON_ROOT(Properties.NON_ROOT, "Non-root", "The image's default user resolves to a non-zero uid"),
  NO_SUID(Properties.NO_SUID, "No SUID/SGID", "No file in the merged filesystem has the setuid or setgid bit"),
  NO_SHELL(Properties.NO_SHELL, "No shell", "No shell or multi-call binary, by name, link or content"),
  NO_PACKAGE_MANAGER(Properties.NO_PACKAGE_MANAGER, "No package manager", "No package manager binary"),
  HEALTHCHECK(Properties.HEALTHCHECK, "HEALTHCHECK", "The config declares a HEALTHCHECK that is not NONE"),
  CIS_4(Properties.CIS_4, "CIS §4", "CIS Docker Benchmark section 4, image checks"),
  SBOM(Properties.SBOM, "SBOM", "An SBOM was found and checked"),
  SIGNED(Properties.SIGNED, "Signed", "A signature over this digest verified"),
  MULTI_ARCH(Properties.MULTI_ARCH, "Multi-arch", "The index offers the platforms asserted"),
  RUNTIME_NON_ROOT(Properties.RUNTIME_NON_ROOT, "Runs as non-root",
      "The container's main process was seen running with a non-zero uid"),
  RUNTIME_NO_SHELL(Properties.RUNTIME_NO_SHELL, "No shell at runtime",
      "Every attempt to exec a shell in the running container failed"),
  RUNTIME_HEALTHY(Properties.RUNTIME_HEALTHY, "Becomes healthy", "The engine reported the container healthy"),
  RUNTIME_RESTRICTED(Properties.RUNTIME_RESTRICTED, "Runs restricted",
      "Kept running with a read-only rootfs, all capabilities dropped and no-new-privileges"),
  OTHER(Properties.OTHER, "Other checks", "Files, labels and other assertions");

  /** The chip row, in order. */
  static final List<ReportProperty> CHIPS =
      List.of(NON_ROOT, NO_SUID, NO_SHELL, NO_PACKAGE_MANAGER, CIS_4, SBOM, SIGNED, MULTI_ARCH);

  final String key;
  final String label;
  final String meaning;

  ReportProperty(String key, String label, String meaning) {
    this.key = key;
    this.label = label;
    this.meaning = meaning;
  }

  static ReportProperty forKey(String key) {
    for (ReportProperty p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    return OTHER;
  }
}
