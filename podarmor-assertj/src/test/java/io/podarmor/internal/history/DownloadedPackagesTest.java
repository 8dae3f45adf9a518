package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadedPackagesTest {
  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "wget -q https://v/t.deb && dpkg -i t.deb => dpkg installs t.deb, downloaded in the step,",
      "curl -fsSLO https://v/t.deb && apt-get install -y ./t.deb => apt-get installs ./t.deb, downloaded in the step,",
      "rpm -ivh https://v/t.rpm => rpm installs https://v/t.rpm, fetched by URL,",
      "dnf install -y https://v/t.rpm => dnf installs https://v/t.rpm, fetched by URL,",
      "curl -o /tmp/t.rpm https://v/t.rpm && sudo yum localinstall -y /tmp/t.rpm => yum installs /tmp/t.rpm, "
          + "downloaded in the step,"})
  void finds_a_downloaded_package_installed_unchecked(String run, String reason) {
    assertThat(DownloadedPackages.in(ShellCommands.run(ShellCommands.split(run))))
        .containsExactly(reason + " with no checksum or signature checked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dpkg -i /tmp/build/t.deb", "apt-get install -y ./t.deb",
      "curl -fsSLO https://v/t.deb && echo 'h  t.deb' | sha256sum -c - && dpkg -i t.deb",
      "curl -fsSLO https://v/t.deb.asc -O https://v/t.deb && gpg --verify t.deb.asc t.deb && dpkg -i t.deb",
      "curl -O https://v/t.rpm && rpm -K t.rpm && rpm -i t.rpm", "rpm -qip https://v/t.rpm", "rpm -e tool",
      "dnf install -y tool", "apt-get install -y curl && curl -fsSL https://x/key | gpg --dearmor -o /k",
      "curl -fsSLO https://v/t.deb && cosign verify-blob --key k.pub --signature t.sig t.deb && dpkg -i t.deb"})
  void a_package_checked_first_or_not_downloaded_is_no_finding(String run) {
    assertThat(DownloadedPackages.in(ShellCommands.run(ShellCommands.split(run)))).as(run).isEmpty();
  }
}
