package io.podarmor.internal.record;

/** The keys of the properties the report shows as chips and badges. */
public final class Properties {
  public static final String NON_ROOT = "non-root";
  public static final String NO_SUID = "no-suid";
  public static final String NO_SHELL = "no-shell";
  public static final String NO_PACKAGE_MANAGER = "no-package-manager";
  public static final String HEALTHCHECK = "healthcheck";
  public static final String RUNTIME_NON_ROOT = "runtime-non-root";
  public static final String RUNTIME_NO_SHELL = "runtime-no-shell";
  public static final String RUNTIME_HEALTHY = "runtime-healthy";
  public static final String RUNTIME_RESTRICTED = "runtime-restricted";
  public static final String CIS_4 = "cis-4";
  public static final String SBOM = "sbom";
  public static final String SIGNED = "signed";
  public static final String MULTI_ARCH = "multi-arch";
  /** Checks that are recorded but are no badge of their own (hasFile, hasLabel, …). */
  public static final String OTHER = "other";

  private Properties() {}
}
