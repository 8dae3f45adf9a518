package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.inspect.Filesystems;
import io.podarmor.testing.Layer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AptConfigTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apt-get -o APT::Get::AllowUnauthenticated=true install x | apt option APT::Get::AllowUnauthenticated=true",
      "apt-get -o apt::get::allowunauthenticated=On install x | apt option apt::get::allowunauthenticated=On",
      "apt-get -oAcquire::AllowInsecureRepositories=1 update | apt option Acquire::AllowInsecureRepositories=1",
      "apt-get -o APT::Get::AllowUnauthenticated='true' install x | apt option APT::Get::AllowUnauthenticated=true",
      "apt-get -o APT::Get::AllowUnauthenticated=\"yes\" install x | apt option APT::Get::AllowUnauthenticated=yes",
      "apt-get -o 'Acquire::AllowDowngradeToInsecureRepositories=yes' update "
          + "| apt option Acquire::AllowDowngradeToInsecureRepositories=yes",
      "echo 'APT::Get::AllowUnauthenticated \"true\";' > /etc/apt/apt.conf.d/9 "
          + "| apt option APT::Get::AllowUnauthenticated \"true\"",
      "echo \"APT::Get::AllowUnauthenticated \\\"0x1\\\";\" > /etc/apt/apt.conf.d/9 "
          + "| apt option APT::Get::AllowUnauthenticated \"0x1\""})
  void finds_an_option_a_run_step_sets_to_true(String run, String reason) {
    assertThat(AptConfig.inRunStep(run)).containsExactly(reason);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apt-get -o Dir::Etc::SourceParts=/tmp/src update | apt option Dir::Etc::SourceParts=/tmp/src: apt reads its "
          + "files from there, so not verified",
      "apt-get -oDir::Etc::main=/x.conf install y | apt option Dir::Etc::main=/x.conf: apt reads its files from "
          + "there, so not verified",
      "echo 'Dir \"/srv/\";' > /etc/apt/apt.conf.d/9 | apt option Dir \"/srv/\": apt reads its files from there, so "
          + "not verified"})
  void finds_an_option_a_run_step_moves_apts_files_with(String run, String reason) {
    assertThat(AptConfig.inRunStep(run)).containsExactly(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"apt-get -o APT::Get::AllowUnauthenticated=false install x",
      "apt-get -o APT::Get::AllowUnauthenticated=0 install x",
      "echo 'APT::Get::AllowUnauthenticated \"no\";' > /etc/apt/apt.conf.d/9",
      "apt-get -o APT::Get::AllowUnauthenticated=trueeeeeeeeeeeeeeeeee install x",
      "grep -r APT::Get::AllowUnauthenticated /etc/apt", "apt-get install -y curl", "WORKDIR=/srv make",
      "apt-get -o Dir::Etc::sourcelist=/etc/apt/sources.list update", "cd $RootDir"})
  void an_option_not_set_to_true_is_no_finding(String run) {
    assertThat(AptConfig.inRunStep(run)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void a_step_naming_the_option_a_million_times_is_read_in_one_pass() {
    String run = "echo " + "APT::Get::AllowUnauthenticated ".repeat(40_000) + "\"true\"";
    assertThat(AptConfig.inRunStep(run)).containsExactly("apt option APT::Get::AllowUnauthenticated \"true\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "#include \"apt/x.conf\"; | /etc/apt/apt.conf.d/10x:1: #include of apt/x.conf, a path apt reads from its "
          + "working directory, so not verified",
      "#include \"/etc/apt/missing.conf\"; | /etc/apt/apt.conf.d/10x:1: #include of /etc/apt/missing.conf, which is "
          + "not in the image, so not verified",
      "#include \"/etc/apt/inc\"; | /etc/apt/apt.conf.d/10x:1: #include of /etc/apt/inc, a directory, which apt "
          + "cannot read as a file, so not verified",
      "#include \"/etc/apt/inc/x.conf/\"; | /etc/apt/apt.conf.d/10x:1: #include of /etc/apt/inc/x.conf/, not a "
          + "directory, so not verified",
      "#include \"/etc/apt/inc/link\"; | /etc/apt/inc/x.conf:1: APT::Get::AllowUnauthenticated \"on\" (from layer 1"})
  void an_include_podarmor_cannot_follow_is_not_verified(String text, String finding) {
    Layer layer = Layer.create().file("/etc/apt/apt.conf.d/10x", text + "\n", 0644)
        .file("/etc/apt/inc/x.conf", "APT::Get::AllowUnauthenticated \"on\";\n", 0644)
        .symlink("/etc/apt/inc/link", "x.conf");
    assertThat(AptConfig.find(Filesystems.of(layer), Map.of())).singleElement(
        org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith(finding);
  }

  @org.junit.jupiter.api.Test
  void a_file_including_itself_is_followed_as_deep_as_apt_follows_it_and_no_further() {
    Layer layer = Layer.create().file("/etc/apt/apt.conf.d/10x",
        "APT::Get::AllowUnauthenticated \"0\";\n#include \"/etc/apt/apt.conf.d/10x\";\n", 0644);
    assertThat(AptConfig.find(Filesystems.of(layer), Map.of())).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void apts_files_moved_elsewhere_are_not_verified_and_an_option_in_place_is_no_finding() {
    Layer layer = Layer.create().file("/etc/apt/apt.conf.d/10x", "Dir::Etc::main \"/opt/apt.conf\";\n"
        + "Dir::Etc::sourcelist \"/etc/apt/sources.list\";\n", 0644);
    assertThat(AptConfig.find(Filesystems.of(layer), Map.of("APT_CONFIG", "/opt/first.conf"))).containsExactly(
        "ENV APT_CONFIG=/opt/first.conf: apt reads its configuration from there first, so not verified",
        "/etc/apt/apt.conf.d/10x:1: Dir::Etc::main \"/opt/apt.conf\" (from " + Filesystems.layer(1, layer)
            + "): apt reads its files from there, so not verified");
  }
}
