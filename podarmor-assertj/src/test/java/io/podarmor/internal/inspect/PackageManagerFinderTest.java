package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ImageFilesystem;
import io.podarmor.testing.Layer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PackageManagerFinderTest {

  @Test
  void finds_every_package_manager_executable_in_any_directory() {
    // GIVEN
    Layer layer = Layer.create()
        .file("/usr/bin/apt", "apt", 0755)
        .file("/usr/bin/apt-get", "apt-get", 0755)
        .file("/usr/bin/aptitude", "aptitude", 0755)
        .file("/usr/bin/dpkg", "dpkg", 0755)
        .file("/usr/bin/rpm", "rpm", 0755)
        .file("/usr/bin/yum", "yum", 0755)
        .file("/usr/bin/dnf-3", "dnf", 0755)
        .symlink("/usr/bin/dnf", "dnf-3")
        .file("/usr/bin/microdnf", "microdnf", 0755)
        .file("/usr/bin/tdnf", "tdnf", 0755)
        .file("/usr/bin/zypper", "zypper", 0755)
        .file("/sbin/apk", "apk", 0700)
        .file("/opt/tools/pacman", "pacman", 0755);
    ImageFilesystem fs = Filesystems.of(layer);
    // WHEN
    var found = PackageManagerFinder.find(fs).stream().map(e -> e.path()).collect(Collectors.toList());
    // THEN
    assertThat(found).containsExactly("/opt/tools/pacman", "/sbin/apk", "/usr/bin/apt", "/usr/bin/apt-get",
        "/usr/bin/aptitude", "/usr/bin/dnf", "/usr/bin/dpkg", "/usr/bin/microdnf", "/usr/bin/rpm", "/usr/bin/tdnf",
        "/usr/bin/yum", "/usr/bin/zypper");
    assertThat(Evidence.of(PackageManagerFinder.find(fs).get(5)))
        .isEqualTo("lrwxrwxrwx 0:0 /usr/bin/dnf -> dnf-3 from " + Filesystems.layer(1, layer));
  }

  @Test
  void package_databases_and_files_that_cannot_be_executed_may_stay() {
    // GIVEN
    ImageFilesystem fs = Filesystems.of(
        Layer.create()
            .file("/var/lib/dpkg/status", "Package: base-files\n", 0644)
            .dir("/var/lib/rpm", 0755)
            .dir("/etc/apt", 0755)
            .dir("/usr/lib/apt", 0755)
            .file("/usr/share/bash-completion/completions/apt", "complete", 0644)
            .file("/etc/logrotate.d/dpkg", "rotate", 0644)
            .symlink("/usr/bin/yum", "dnf-3")
            .file("/usr/bin/apt-get", "apt-get", 0755)
            .file("/usr/bin/dpkg", "dpkg", 0755),
        Layer.create()
            .whiteout("/usr/bin/apt-get")
            .file("/usr/bin/dpkg", "dpkg", 0644));
    // WHEN / THEN
    assertThat(PackageManagerFinder.find(fs)).isEmpty();
  }
}
