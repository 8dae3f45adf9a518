package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlsOffTest {
  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "NODE_TLS_REJECT_UNAUTHORIZED=0 npm install -g x => NODE_TLS_REJECT_UNAUTHORIZED=0: TLS verification off",
      "export GIT_SSL_NO_VERIFY=true && git clone https://g/x => GIT_SSL_NO_VERIFY=true: TLS verification off",
      "ENV PYTHONHTTPSVERIFY=\"0\" => PYTHONHTTPSVERIFY=0: TLS verification off",
      "ENV npm_config_strict_ssl=false => npm_config_strict_ssl=false: TLS verification off",
      "PIP_TRUSTED_HOST=pypi.internal pip install x => PIP_TRUSTED_HOST=pypi.internal: TLS verification off"})
  void finds_a_variable_that_turns_verification_off(String text, String reason) {
    assertThat(TlsOff.variables(text)).containsExactly(reason);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "npm config set strict-ssl false => npm config set strict-ssl false: TLS verification off",
      "yarn install --strict-ssl=false => yarn install --strict-ssl=false: TLS verification off",
      "git -c http.sslVerify=false clone https://g/x => git -c http.sslVerify=false clone https://g/x: TLS verification"
          + " off",
      "git config --global http.sslVerify false => git config --global http.sslVerify false: TLS verification off",
      "pip config set global.trusted-host pypi.internal => pip config set global.trusted-host pypi.internal: TLS "
          + "verification off"})
  void finds_a_command_that_configures_verification_off(String run, String reason) {
    assertThat(TlsOff.commands(ShellCommands.run(ShellCommands.split(run)))).containsExactly(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NODE_TLS_REJECT_UNAUTHORIZED=1 node app.js", "MY_NODE_TLS_REJECT_UNAUTHORIZED=0 x",
      "NODE_TLS_REJECT_UNAUTHORIZED=01 node app.js",
      "GIT_SSL_NO_VERIFY= git clone https://g/x", "npm config set strict-ssl true",
      "git config --global http.sslVerify true", "echo PIP_TRUSTED_HOST", "pip config list"})
  void verification_left_on_is_no_finding(String run) {
    assertThat(TlsOff.variables(run)).as(run).isEmpty();
    assertThat(TlsOff.commands(ShellCommands.run(ShellCommands.split(run)))).as(run).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void a_step_of_many_variables_is_read_once() {
    assertThat(TlsOff.variables("NODE_TLS_REJECT_UNAUTHORIZED=1 ".repeat(100_000))).isEmpty();
  }
}
