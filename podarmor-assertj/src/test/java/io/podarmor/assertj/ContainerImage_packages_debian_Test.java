package io.podarmor.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.InstalledPackage;
import io.podarmor.testing.DebianRootfs;
import io.podarmor.testing.DockerCli;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ContainerImage#packages()} of real Debian bookworm minbase equals what dpkg-query says inside it. */
class ContainerImage_packages_debian_Test {
  @TempDir static Path tmp;
  private static Path archive;
  private static List<String> dpkgQuery;

  @BeforeAll
  static void images() {
    String reference = DebianRootfs.minbaseImage();
    archive = DebianRootfs.save(reference, tmp.resolve("minbase.tar"));
    String out = DockerCli.run("run", "--rm", "--network", "none", "--entrypoint", "dpkg-query", reference, "-W",
        "-f", "${db:Status-Status} ${Package} ${Version} ${Architecture}\\n");
    dpkgQuery = Arrays.stream(out.split("\n"))
        .filter(line -> line.startsWith("installed "))
        .map(line -> line.substring("installed ".length()))
        .sorted()
        .collect(Collectors.toList());
  }

  static Stream<Named<ContainerImage>> minbase() {
    return Stream.of(Named.of("engine", DebianRootfs.minbase()),
        Named.of("docker-archive", ContainerImage.fromDockerArchive(archive)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("minbase")
  void packages_are_what_dpkg_query_lists_inside_the_container(ContainerImage image) {
    List<InstalledPackage> packages = image.packages();
    assertThat(packages).hasSizeBetween(70, 120);
    assertThat(packages).extracting(InstalledPackage::name).contains("base-files", "dpkg", "apt");
    assertThat(packages.stream().map(p -> p.name() + " " + p.version() + " " + p.architecture()).sorted())
        .containsExactlyElementsOf(dpkgQuery);
    assertThat(packages).allSatisfy(p -> assertThat(p.purl())
        .startsWith("pkg:deb/debian/" + p.name().replace("+", "%2B") + "@").contains("&distro=debian-12"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("minbase")
  void cis_4_3_package_checks_read_the_real_database(ContainerImage image) {
    List<String> names = image.packages().stream().map(InstalledPackage::name).collect(Collectors.toList());
    String apt = dpkgQuery.stream().filter(line -> line.startsWith("apt ")).findFirst().orElseThrow();
    io.podarmor.assertj.PodArmorAssertions.assertThat(image).hasOnlyPackagesFrom(names).hasNoPackages("openssl")
        .hasNoEmptyPasswords().hasNoDuplicateIds();
    org.assertj.core.api.Assertions.assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> io.podarmor.assertj.PodArmorAssertions.assertThat(image).hasNoPackages("apt", "sudo"))
        .withMessageEndingWith(String.format("but found:%n  %s (dpkg /var/lib/dpkg/status)", apt));
    System.out.println("debian minbase: " + names.size() + " packages");
  }
}
