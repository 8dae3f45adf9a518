package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

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
  @ValueSource(strings = {"apt-get -o APT::Get::AllowUnauthenticated=false install x",
      "apt-get -o APT::Get::AllowUnauthenticated=0 install x",
      "echo 'APT::Get::AllowUnauthenticated \"no\";' > /etc/apt/apt.conf.d/9",
      "apt-get -o APT::Get::AllowUnauthenticated=trueeeeeeeeeeeeeeeeee install x",
      "grep -r APT::Get::AllowUnauthenticated /etc/apt", "apt-get install -y curl"})
  void an_option_not_set_to_true_is_no_finding(String run) {
    assertThat(AptConfig.inRunStep(run)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void a_step_naming_the_option_a_million_times_is_read_in_one_pass() {
    String run = "echo " + "APT::Get::AllowUnauthenticated ".repeat(40_000) + "\"true\"";
    assertThat(AptConfig.inRunStep(run)).containsExactly("apt option APT::Get::AllowUnauthenticated \"true\"");
  }
}
