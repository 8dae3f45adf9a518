package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_hasOnlyPackagesFrom_Test {
  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, PackageImages.DISTROLESS, PackageImages.RPM, PackageImages.CORRUPT,
        PackageImages.NONE);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_when_every_installed_package_is_allowed(Source source) {
    assertThat(images.open(PackageImages.DISTROLESS, source))
        .hasOnlyPackagesFrom(List.of("base-files", "libc6", "netbase", "tzdata"))
        .hasOnlyPackagesFrom("libc6", "tzdata");
    assertThat(images.open(PackageImages.RPM, source)).hasOnlyPackagesFrom("bash", "openssl-libs");
  }

  @Test
  void is_recorded_under_cis_4_with_the_databases_as_evidence() {
    List<Verdict> records = new ArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      assertThat(images.open(PackageImages.DISTROLESS, Source.OCI_LAYOUT)).hasOnlyPackagesFrom("libc6", "tzdata");
    } finally {
      registration.close();
    }
    org.assertj.core.api.Assertions.assertThat(records).singleElement().satisfies(r -> {
      org.assertj.core.api.Assertions.assertThat(r.property()).isEqualTo(Property.CIS_4);
      org.assertj.core.api.Assertions.assertThat(r.assertion()).isEqualTo("hasOnlyPackagesFrom(libc6, tzdata)");
      org.assertj.core.api.Assertions.assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      org.assertj.core.api.Assertions.assertThat(r.evidence()).first().isEqualTo("2 packages in /var/lib/dpkg/status.d");
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_listing_every_package_not_on_the_list(Source source) {
    ContainerImage image = images.open(PackageImages.DISTROLESS, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasOnlyPackagesFrom(List.of("base-files")))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have only packages from the allowlist:%n"
            + "  base-files%nbut found packages not on it:%n"
            + "  libc6 2.36-9+deb12u4 amd64 (dpkg /var/lib/dpkg/status.d/libc6)%n"
            + "  tzdata 2024a-0+deb12u1 all (dpkg /var/lib/dpkg/status.d/tzdata)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_closed_without_a_package_database(Source source) {
    ContainerImage image = images.open(PackageImages.NONE, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasOnlyPackagesFrom("libc6"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have only packages from the allowlist: libc6%n"
            + "but could not decide:%n  %s", name(image), ImageAssert_hasNoPackages_Test.NO_DATABASE));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_closed_on_a_corrupt_database_naming_the_line(Source source) {
    ContainerImage image = images.open(PackageImages.CORRUPT, source);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasOnlyPackagesFrom("base-files", "dpkg"))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have only packages from the allowlist: "
            + "base-files, dpkg%nbut could not decide:%n"
            + "  corrupt dpkg database /var/lib/dpkg/status at line 6: expected \"Field: value\"", name(image)));
  }
}
