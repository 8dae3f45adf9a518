package io.podarmor.verdict;

import java.util.List;
import java.util.Objects;

/**
 * A property of an image that checks decide and the hardening report shows: its key, its label and what passing it
 * means. The built-in ones are constants; a team's own check names its own property with {@link #of}.
 *
 * <pre>{@code
 * Property.NO_SUID.label();                                           // "No SUID/SGID"
 * Property.of("no-debug-port", "No debug port", "Port 5005 is not exposed");
 * }</pre>
 *
 * @param key     a stable identifier of lower-case letters, digits and dashes, e.g. {@code no-suid}
 * @param label   the report's chip and row label, e.g. {@code No SUID/SGID}
 * @param meaning one sentence: what passing means
 */
public record Property(String key, String label, String meaning) {
  /** {@code non-root}, shown as Non-root. */
  public static final Property NON_ROOT = new Property("non-root", "Non-root",
      "The image's default user resolves to a non-zero uid");
  /** {@code no-suid}, shown as No SUID/SGID. */
  public static final Property NO_SUID = new Property("no-suid", "No SUID/SGID",
      "No file in the merged filesystem has the setuid or setgid bit");
  /** {@code no-shell}, shown as No shell. */
  public static final Property NO_SHELL = new Property("no-shell", "No shell",
      "No shell or multi-call binary, by name, link or content");
  /** {@code no-package-manager}, shown as No package manager. */
  public static final Property NO_PACKAGE_MANAGER = new Property("no-package-manager", "No package manager",
      "No package manager binary");
  /** {@code no-world-writable}, shown as No world-writable files. */
  public static final Property NO_WORLD_WRITABLE = new Property("no-world-writable", "No world-writable files",
      "No file or directory is writable by everyone, but sticky /tmp and /var/tmp");
  /** {@code healthcheck}, shown as HEALTHCHECK. */
  public static final Property HEALTHCHECK = new Property("healthcheck", "HEALTHCHECK",
      "The config declares a HEALTHCHECK that is not NONE");
  /** {@code cis-4}, shown as CIS §4. */
  public static final Property CIS_4 = new Property("cis-4", "CIS §4", "CIS Docker Benchmark section 4, image checks");
  /** {@code sbom}, shown as SBOM. */
  public static final Property SBOM = new Property("sbom", "SBOM", "An SBOM was found and checked");
  /** {@code signed}, shown as Signed. */
  public static final Property SIGNED = new Property("signed", "Signed", "A signature over this digest verified");
  /** {@code multi-arch}, shown as Multi-arch. */
  public static final Property MULTI_ARCH = new Property("multi-arch", "Multi-arch",
      "The index offers the platforms asserted");
  /** {@code runtime-non-root}, shown as Runs as non-root. */
  public static final Property RUNTIME_NON_ROOT = new Property("runtime-non-root", "Runs as non-root",
      "The container's main process was seen running with a non-zero uid");
  /** {@code runtime-no-shell}, shown as No shell at runtime. */
  public static final Property RUNTIME_NO_SHELL = new Property("runtime-no-shell", "No shell at runtime",
      "Every attempt to exec a shell in the running container failed");
  /** {@code runtime-healthy}, shown as Becomes healthy. */
  public static final Property RUNTIME_HEALTHY = new Property("runtime-healthy", "Becomes healthy",
      "The engine reported the container healthy");
  /** {@code runtime-restricted}, shown as Runs restricted. */
  public static final Property RUNTIME_RESTRICTED = new Property("runtime-restricted", "Runs restricted",
      "Kept running with a read-only rootfs, all capabilities dropped and no-new-privileges");
  /** Checks recorded without a property of their own: files, labels, gids. */
  public static final Property OTHER = new Property("other", "Other checks", "Files, labels and other assertions");

  /** The built-in properties, in the report's order. */
  public static final List<Property> BUILT_IN = List.of(NON_ROOT, NO_SUID, NO_SHELL, NO_PACKAGE_MANAGER,
      NO_WORLD_WRITABLE, HEALTHCHECK, CIS_4, SBOM, SIGNED, MULTI_ARCH, RUNTIME_NON_ROOT, RUNTIME_NO_SHELL,
      RUNTIME_HEALTHY, RUNTIME_RESTRICTED, OTHER);

  /** Makes the property; its key is lower-case words joined by dashes (it names the badge file). */
  public Property {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(meaning, "meaning");
    if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*") || label.isBlank()) {
      throw new IllegalArgumentException("A property needs a key of lower-case letters, digits and dashes"
          + " (it names the report's badge file) and a label, but got \"" + key + "\", \"" + label + "\"");
    }
  }

  /** A property of a team's own, e.g. {@code Property.of("no-debug-port", "No debug port", "…")}. */
  public static Property of(String key, String label, String meaning) {
    return new Property(key, label, meaning);
  }
}
