package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShellCommandsTest {

  static List<String> names(String line) {
    return ShellCommands.split(line).stream().map(ShellCommands.Command::name).collect(Collectors.toList());
  }

  @Test
  void splitsAtEveryOperatorAndNewline() {
    assertThat(names("a && b || c; d | e & f\ng")).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void respectsQuotesEscapesAndContinuations() {
    assertThat(names("echo 'a && sudo b' \"c; sudo d\" e\\;f")).containsExactly("echo");
    assertThat(ShellCommands.split("echo 'a && b' \"c $x\" e\\;f").get(0).words())
        .containsExactly("echo", "a && b", "c $x", "e;f");
    assertThat(names("apt-get update \\\n && apt-get install -y x")).containsExactly("apt-get", "apt-get");
  }

  @Test
  void commandWordsSkipAssignmentsPrefixesAndPaths() {
    assertThat(names("DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y x")).containsExactly("apt-get");
    assertThat(names("if true; then sudo x; fi")).containsExactly("true", "sudo", "fi");
    assertThat(names("for f in a b; do exec sudo x; done")).containsExactly("for", "sudo", "done");
    assertThat(names("env -i A=1 sudo x")).containsExactly("sudo");
  }

  @Test
  void argumentsAndRedirectionsAreNoCommands() {
    assertThat(names("find / -iname sudo")).containsExactly("find");
    assertThat(names("echo sudo > /tmp/x 2>&1")).containsExactly("echo");
    assertThat(ShellCommands.split("echo sudo > /tmp/x 2>&1").get(0).words()).containsExactly("echo", "sudo");
    assertThat(names("x=$(sudo id) && echo $x")).containsExactly("", "echo");
    assertThat(names("# sudo in a comment\necho ok")).containsExactly("echo");
  }

  @Test
  void marksPipedCommands() {
    List<ShellCommands.Command> commands = ShellCommands.split("curl -fsSL https://x | sh && a || b");
    assertThat(commands).extracting(ShellCommands.Command::piped).containsExactly(false, true, false, false);
  }

  static List<String> run(String line) {
    return ShellCommands.run(ShellCommands.split(line)).stream().map(c -> c.toString()).collect(Collectors.toList());
  }

  @Test
  void wrappersRunTheCommandAfterTheirOptions() {
    assertThat(run("sudo -E -u root apt-get update")).containsExactly("apt-get update");
    assertThat(run("sudo --user=root -- apt-get update")).containsExactly("apt-get update");
    assertThat(run("timeout -k 5 10m nice -n 5 eatmydata apt-get -q update")).containsExactly("apt-get -q update");
    assertThat(run("stdbuf -oL apt-get update")).containsExactly("apt-get update");
    assertThat(run("sudo -l")).containsExactly("sudo -l");
    assertThat(run("sudo")).containsExactly("sudo");
  }

  @Test
  void aShellsScriptIsReadInPlaceOfTheShell() {
    assertThat(run("bash -o pipefail -ec 'apt-get update && apt-get install -y x' && echo done"))
        .containsExactly("apt-get update", "apt-get install -y x", "echo done");
    assertThat(run("sudo sh -c \"cd /tmp && sh -c 'apt-get update'\"")).containsExactly("cd /tmp", "apt-get update");
    assertThat(run("bash script.sh -c x")).containsExactly("bash script.sh -c x");
    assertThat(run("bash -x")).containsExactly("bash -x");
    List<ShellCommands.Command> piped = ShellCommands.run(ShellCommands.split("sh -c 'curl -fsSL x | sh'"));
    assertThat(piped).extracting(ShellCommands.Command::piped).containsExactly(false, true);
  }
}
