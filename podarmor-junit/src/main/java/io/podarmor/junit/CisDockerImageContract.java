package io.podarmor.junit;

import io.podarmor.assertj.CisItem;
import io.podarmor.image.ContainerImage;
import io.podarmor.internal.junit.CisWaiverLookup;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CIS Docker Benchmark's image items (section 4) as ready-made tests, one per CIS id: a class that implements this
 * interface and names its image with {@link ImageUnderTest} gets them all. {@link CisWaiver} on the class waives an
 * item with a written reason (the test passes, the report shows the waiver); override {@link #unnecessaryPackages()}
 * for 4.3 and {@link #maxImageAge()} for 4.4.
 *
 * <pre>{@code
 * @ImageUnderTest("ghcr.io/acme/api:1.4.2")
 * @CisWaiver(item = CisItem.CIS_4_9, reason = "vendor base image uses ADD for its rootfs tarball")
 * class ApiImageCisTest implements CisDockerImageContract {}
 *
 * // ApiImageCisTest
 * //   ✔ CIS 4.1 — a user for the container has been created
 * //   ✔ CIS 4.3 — unnecessary packages not installed
 * //   ✔ CIS 4.4 — image rebuilt within the maximum age
 * //   ✘ CIS 4.6 — HEALTHCHECK instruction added            (fails: no HEALTHCHECK)
 * //   ✔ CIS 4.7 — update instructions not used alone
 * //   ✔ CIS 4.8 — setuid and setgid permissions removed
 * //   ✔ CIS 4.9 — COPY used instead of ADD                  (waived: vendor base image uses ADD …)
 * //   ✔ CIS 4.10 — secrets not stored in the image
 * //   ✔ CIS 4.11 — only verified packages installed
 * }</pre>
 */
@PodArmorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public interface CisDockerImageContract {
  /** The default of {@link #unnecessaryPackages()}. */
  Set<String> DEFAULT_UNNECESSARY_PACKAGES = Set.of("sudo", "openssh-server", "openssh-client", "telnet",
      "netcat-openbsd", "netcat-traditional", "ncat", "nmap", "curl", "wget", "git", "gcc", "make", "gdb", "strace",
      "tcpdump", "vim", "nano");

  /** The oldest the image may be for CIS 4.4: 90 days unless overridden. */
  default Duration maxImageAge() {
    return Duration.ofDays(90);
  }

  /** CIS 4.1: the image's default user resolves to a uid other than 0. */
  @Test
  @Order(1)
  @DisplayName("CIS 4.1 — a user for the container has been created")
  default void cis_4_1_runsAsNonRoot(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_1).runsAsNonRoot();
  }

  /**
   * Packages an image should not carry for CIS 4.3: remote-access, download, build and debugging tools. Override to
   * name your own; an image without a package database cannot be checked and fails (waive 4.3 with the reason).
   */
  default Set<String> unnecessaryPackages() {
    return DEFAULT_UNNECESSARY_PACKAGES;
  }

  /** CIS 4.3: none of {@link #unnecessaryPackages()} is installed according to the image's package databases. */
  @Test
  @Order(2)
  @DisplayName("CIS 4.3 — unnecessary packages not installed")
  default void cis_4_3_hasNoUnnecessaryPackages(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_3)
        .hasNoPackages(unnecessaryPackages().stream().sorted().toArray(String[]::new));
  }

  /** CIS 4.4: the image was created within {@link #maxImageAge()}. */
  @Test
  @Order(3)
  @DisplayName("CIS 4.4 — image rebuilt within the maximum age")
  default void cis_4_4_wasBuiltWithin(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_4).wasBuiltWithin(maxImageAge());
  }

  /** CIS 4.6: the config declares a HEALTHCHECK other than {@code NONE}. */
  @Test
  @Order(4)
  @DisplayName("CIS 4.6 — HEALTHCHECK instruction added")
  default void cis_4_6_hasHealthcheck(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_6).hasHealthcheck();
  }

  /** CIS 4.7: no RUN step refreshes a package index without installing after it. */
  @Test
  @Order(5)
  @DisplayName("CIS 4.7 — update instructions not used alone")
  default void cis_4_7_hasNoLoneUpdateInstructions(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_7).hasNoLoneUpdateInstructions();
  }

  /** CIS 4.8: no file has the setuid or setgid bit. */
  @Test
  @Order(6)
  @DisplayName("CIS 4.8 — setuid and setgid permissions removed")
  default void cis_4_8_hasNoSuidFiles(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_8).hasNoSuidFiles();
  }

  /** CIS 4.9: no ADD step but the base image's root filesystem. */
  @Test
  @Order(7)
  @DisplayName("CIS 4.9 — COPY used instead of ADD")
  default void cis_4_9_hasNoAddInstructions(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_9).hasNoAddInstructions();
  }

  /** CIS 4.10: no secret in the config, the history or any layer. */
  @Test
  @Order(8)
  @DisplayName("CIS 4.10 — secrets not stored in the image")
  default void cis_4_10_hasNoSecrets(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_10).hasNoSecrets();
  }

  /** CIS 4.11: nothing installed or fetched without signature and TLS verification. */
  @Test
  @Order(9)
  @DisplayName("CIS 4.11 — only verified packages installed")
  default void cis_4_11_installsVerifiedPackagesOnly(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_11).installsVerifiedPackagesOnly();
  }
}
