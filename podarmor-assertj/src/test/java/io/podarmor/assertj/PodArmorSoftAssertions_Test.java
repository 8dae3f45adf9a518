package io.podarmor.assertj;

import static io.podarmor.assertj.SourceImages.layer;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PodArmorSoftAssertions_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, SuidImages.SUID, SuidImages.CLEAN);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void collects_every_failure_and_reports_them_together(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, source);
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    // WHEN
    softly.assertThat(image).runsAsNonRoot().hasNoSuidFiles().hasNoShell().hasHealthcheck();
    softly.assertThat(image).hasLabel("org.opencontainers.image.vendor", "Acme").hasNoPackageManager();
    softly.assertThat(image.config().labels()).containsKey("org.opencontainers.image.vendor");
    // THEN
    String[] suid = SuidImages.suidEvidence();
    assertThat(softly.errorsCollected()).extracting(PodArmorSoftAssertions_Test::withoutCallSite).containsExactly(
        String.format("%nExpecting image:%n  %s%nto run as a non-root user%nbut found:%n"
            + "  User not set: uid 0 (root), gid 0 (no /etc/passwd)", name(image)),
        String.format("%nExpecting image:%n  %s%nto have no setuid or setgid files%nbut found:%n"
            + "  %s%n  %s%n  %s%n  %s", name(image), suid[0], suid[1], suid[2], suid[3]),
        String.format("%nExpecting image:%n  %s%nto have a HEALTHCHECK%nbut found:%n  no HEALTHCHECK", name(image)),
        String.format("%nExpecting image:%n  %s%nto have label:%n  org.opencontainers.image.vendor=\"Acme\"%n"
            + "but found:%n  no label org.opencontainers.image.vendor", name(image)),
        String.format("%nExpecting actual:%n  {}%nto contain key:%n  \"org.opencontainers.image.vendor\""));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(softly::assertAll)
        .withMessageStartingWith(String.format("%nMultiple Failures (5 failures)"));
  }

  /** AssertJ ends each collected message with the line that made the check: {@code at Test.method(Test.java:44)}. */
  private static String withoutCallSite(Throwable error) {
    String message = error.getMessage();
    int at = message.lastIndexOf(System.lineSeparator() + "at PodArmorSoftAssertions_Test.");
    assertThat(at).as("the call site AssertJ appends to %s", message).isPositive();
    return message.substring(0, at);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_every_check_holds(Source source) {
    // GIVEN
    ContainerImage image = images.open(SuidImages.CLEAN, source);
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    // WHEN
    softly.assertThat(image).hasNoSuidFiles().hasNoShell().hasNoPackageManager().hasFile("/usr/bin/passwd");
    // THEN
    assertThat(softly.errorsCollected()).isEmpty();
    assertThatNoException().isThrownBy(softly::assertAll);
  }

  @Test
  void assertSoftly_fails_once_with_every_failure() {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, Source.OCI_LAYOUT);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> PodArmorSoftAssertions.assertSoftly(softly -> {
          softly.assertThat(image).hasHealthcheck();
          softly.assertThat(image).doesNotHaveFile("/usr/bin/wall");
        }))
        .withMessageStartingWith(String.format("%nMultiple Failures (2 failures)"))
        .withMessageContaining(String.format("to have a HEALTHCHECK%nbut found:%n  no HEALTHCHECK"))
        .withMessageContaining(String.format("not to have file:%n  /usr/bin/wall%nbut found:%n"
            + "  -rwxr-sr-x 0:5 /usr/bin/wall from %s", layer(SuidImages.SUID, 1)));
  }

  @Test
  void hasNoSuidFilesExcept_without_paths_collects_one_failure() {
    // GIVEN
    ContainerImage image = images.open(SuidImages.SUID, Source.OCI_LAYOUT);
    PodArmorSoftAssertions softly = new PodArmorSoftAssertions();
    // WHEN
    softly.assertThat(image).hasNoSuidFilesExcept();
    // THEN
    assertThat(softly.errorsCollected()).singleElement()
        .extracting(PodArmorSoftAssertions_Test::withoutCallSite).asString()
        .endsWith(String.format("to have no setuid or setgid files%nbut found:%n  %s%n  %s%n  %s%n  %s",
            (Object[]) SuidImages.suidEvidence()));
  }

  @Nested
  @ExtendWith(SoftAssertionsExtension.class)
  class InjectedBySoftAssertionsExtension {
    @InjectSoftAssertions PodArmorSoftAssertions softly;

    @Test
    void checks_softly() {
      // GIVEN
      ContainerImage image = images.open(SuidImages.CLEAN, Source.OCI_LAYOUT);
      // WHEN
      softly.assertThat(image).hasNoSuidFiles().hasNoShell();
      softly.assertThat(image.digest()).startsWith("sha256:");
      // THEN
      assertThat(softly.errorsCollected()).isEmpty();
    }
  }
}
