package io.podarmor.junit;

import io.podarmor.assertj.CisItem;
import io.podarmor.image.ContainerImage;
import java.time.Duration;
import java.util.Set;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
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
@Tag("podarmor")
@Tag("cis")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayNameGeneration(CisDockerImageContract.DisplayNames.class)
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
  default void cis_4_1_runsAsNonRoot(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_1);
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
  default void cis_4_3_hasNoUnnecessaryPackages(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_3)
        .hasNoPackages(unnecessaryPackages().stream().sorted().toArray(String[]::new));
  }

  /** CIS 4.4: the image was created within {@link #maxImageAge()}. */
  @Test
  @Order(3)
  default void cis_4_4_wasBuiltWithin(ContainerImage image) {
    CisWaiverLookup.assertThat(getClass(), image, CisItem.CIS_4_4).wasBuiltWithin(maxImageAge());
  }

  /** CIS 4.6: the config declares a HEALTHCHECK the engine probes ({@code CMD} or {@code CMD-SHELL} and a command). */
  @Test
  @Order(4)
  default void cis_4_6_hasHealthcheck(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_6);
  }

  /** CIS 4.7: no RUN step refreshes a package index without installing after it. */
  @Test
  @Order(5)
  default void cis_4_7_hasNoLoneUpdateInstructions(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_7);
  }

  /** CIS 4.8: no file has the setuid or setgid bit. */
  @Test
  @Order(6)
  default void cis_4_8_hasNoSuidFiles(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_8);
  }

  /** CIS 4.9: no ADD step but the base image's root filesystem. */
  @Test
  @Order(7)
  default void cis_4_9_hasNoAddInstructions(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_9);
  }

  /** CIS 4.10: no secret in the config, the history or any layer. */
  @Test
  @Order(8)
  default void cis_4_10_hasNoSecrets(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_10);
  }

  /** CIS 4.11: nothing installed or fetched without signature and TLS verification. */
  @Test
  @Order(9)
  default void cis_4_11_installsVerifiedPackagesOnly(ContainerImage image) {
    CisWaiverLookup.satisfies(getClass(), image, CisItem.CIS_4_11);
  }

  /**
   * Names each item's test after {@link CisItem}, the one table of the items: {@code cis_4_9_…} is shown as
   * {@code CIS 4.9 — COPY used instead of ADD}; other methods keep JUnit's standard names.
   */
  final class DisplayNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
        Method testMethod) {
      for (CisItem item : CisItem.values()) {
        String prefix = "cis_" + item.id().replace('.', '_') + "_";
        if (testMethod.getName().startsWith(prefix) && item.isChecked()) {
          return "CIS " + item.id() + " — " + item.shortTitle();
        }
      }
      return super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
    }
  }
}
