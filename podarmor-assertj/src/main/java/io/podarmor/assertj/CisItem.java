package io.podarmor.assertj;

/**
 * The image-level items of the CIS Docker Benchmark, section 4 ("Container Images and Build File"), by id and
 * title; used to name a waiver.
 *
 * <pre>{@code
 * assertThat(image)
 *     .waiving(CisItem.CIS_4_9, "vendor base image uses ADD for its rootfs tarball")
 *     .satisfiesCisDockerSection4();
 * }</pre>
 */
public enum CisItem {
  CIS_4_1("Ensure that a user for the container has been created"),
  CIS_4_2("Ensure that containers use only trusted base images"),
  CIS_4_3("Ensure that unnecessary packages are not installed in the container"),
  CIS_4_4("Ensure images are scanned and rebuilt to include security patches"),
  CIS_4_5("Ensure Content trust for Docker is Enabled"),
  CIS_4_6("Ensure that HEALTHCHECK instructions have been added to container images"),
  CIS_4_7("Ensure update instructions are not used alone in the Dockerfile"),
  CIS_4_8("Ensure setuid and setgid permissions are removed"),
  CIS_4_9("Ensure that COPY is used instead of ADD in Dockerfiles"),
  CIS_4_10("Ensure secrets are not stored in Dockerfiles"),
  CIS_4_11("Ensure only verified packages are installed");

  private final String title;

  CisItem(String title) {
    this.title = title;
  }

  /** The benchmark's id, e.g. {@code 4.9} (from the constant's name). */
  public String id() {
    return name().substring("CIS_".length()).replace('_', '.');
  }

  /** The benchmark's title, e.g. {@code Ensure that COPY is used instead of ADD in Dockerfiles}. */
  public String title() {
    return title;
  }

  /** {@code 4.9 Ensure that COPY is used instead of ADD in Dockerfiles}. */
  @Override
  public String toString() {
    return id() + " " + title;
  }
}
