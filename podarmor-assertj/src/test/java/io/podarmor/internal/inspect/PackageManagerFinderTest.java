package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.testing.Layer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageManagerFinderTest {

  static final ImageConfig NO_PATH = ImageConfig.builder().build();

  @Test
  void finds_every_package_manager_in_a_standard_bin_directory_or_on_the_path() {
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
        .file("/opt/tools/pacman", "pacman", 0755)
        .symlink("/opt/bin", "tools");
    ImageFilesystem fs = Filesystems.of(layer);
    ImageConfig path = ImageConfig.builder().env(List.of("PATH=/opt/bin:/usr/bin")).build();
    // WHEN
    List<String> standard = PackageManagerFinder.find(fs, NO_PATH);
    List<String> onPath = PackageManagerFinder.find(fs, path);
    // THEN
    assertThat(standard).extracting(line -> line.substring(line.indexOf('/'), line.indexOf(' ', line.indexOf('/'))))
        .containsExactly("/sbin/apk", "/usr/bin/apt", "/usr/bin/apt-get", "/usr/bin/aptitude", "/usr/bin/dnf",
            "/usr/bin/dnf-3", "/usr/bin/dpkg", "/usr/bin/microdnf", "/usr/bin/rpm", "/usr/bin/tdnf", "/usr/bin/yum",
            "/usr/bin/zypper");
    assertThat(standard.get(4)).isEqualTo("lrwxrwxrwx 0:0 /usr/bin/dnf -> dnf-3 from " + Filesystems.layer(1, layer)
        + ", in /usr/bin, a standard bin directory");
    assertThat(onPath.get(0)).isEqualTo("-rwxr-xr-x 0:0 /opt/tools/pacman from " + Filesystems.layer(1, layer)
        + ", in /opt/tools, on the PATH");
    assertThat(onPath.get(1)).endsWith("/sbin/apk from " + Filesystems.layer(1, layer)
        + ", in /sbin, a standard bin directory");
    assertThat(onPath.get(2)).endsWith(", in /usr/bin, on the PATH");
  }

  /** What the usual names link to, left behind when the links are removed, and rarer distributions' tools. */
  @Test
  void finds_the_programs_behind_the_usual_names_and_other_distributions_package_managers() {
    Layer layer = Layer.create()
        .file("/usr/bin/dnf-3", "dnf", 0755)
        .file("/usr/bin/dnf5", "dnf5", 0755)
        .file("/sbin/apk.static", "apk", 0755)
        .file("/bin/opkg", "opkg", 0755)
        .file("/usr/bin/xbps-install", "xbps", 0755)
        .file("/usr/bin/emerge", "portage", 0755);
    assertThat(PackageManagerFinder.find(Filesystems.of(layer), NO_PATH))
        .extracting(line -> line.substring(line.indexOf('/'), line.indexOf(' ', line.indexOf('/'))))
        .containsExactly("/bin/opkg", "/sbin/apk.static", "/usr/bin/dnf-3", "/usr/bin/dnf5", "/usr/bin/emerge",
            "/usr/bin/xbps-install");
  }

  @Test
  void off_the_path_only_content_makes_a_package_manager() {
    // GIVEN a daily cron job and a bug-report hook named dpkg, and a renamed dpkg binary
    byte[] dpkg = "\u007fELF\u0002\u0001\u0001\0Debian '%s' package management program version %s.\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Layer layer = Layer.create()
        .file("/etc/cron.daily/dpkg", "#!/bin/sh\n/usr/libexec/dpkg/dpkg-db-backup\n", 0755)
        .file("/usr/share/bug/dpkg", "#!/bin/sh\ncat /var/lib/dpkg/status\n", 0755)
        .file("/usr/libexec/tools/pkg", dpkg, 0755);
    // WHEN
    List<String> found = PackageManagerFinder.find(Filesystems.of(layer), NO_PATH);
    // THEN
    assertThat(found).containsExactly("-rwxr-xr-x 0:0 /usr/libexec/tools/pkg from " + Filesystems.layer(1, layer)
        + ", content identifies dpkg");
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
    assertThat(PackageManagerFinder.find(fs, NO_PATH)).isEmpty();
  }
}
