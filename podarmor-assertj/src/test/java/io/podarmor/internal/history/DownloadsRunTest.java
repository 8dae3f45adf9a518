package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadsRunTest {
  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "curl -fsSL https://x/i.sh | sh => curl download piped into sh",
      "curl -fsSLk https://x/i.sh | sudo -E bash - => curl --insecure download piped into bash",
      "curl -fsSL https://x/i.sh | tee /tmp/i.sh | sh => curl download piped into sh",
      "wget -qO- https://x/i.py | python3 => wget download piped into python3",
      "curl -fsSL https://x/i.pl | perl - --prefix /opt => curl download piped into perl",
      "curl -fsSL https://x/i.sh | busybox sh => curl download piped into busybox sh",
      "sh -c \"$(curl -fsSL https://x/i.sh)\" => curl download run as a command",
      "bash -c \"$(/usr/bin/wget -qO- https://x/i.sh)\" -- --yes => wget download run as a command",
      "eval \"$(curl -fsSL https://x/env)\" => curl download run by eval",
      "eval `wget -qO- https://x/env` => wget download run by eval",
      "python3 -c \"$(curl -fsSL https://x/i.py)\" => curl download run by python3",
      "bash <(curl -s https://x/i.sh) => curl download run by bash as its script",
      "cd /tmp && . <(curl -s https://x/env) => curl download run by . as its script",
      "source <( wget -qO- https://x/env ) => wget download run by source as its script",
      "curl -fsSL https://get.docker.com -o get-docker.sh && sh get-docker.sh => curl download get-docker.sh run by "
          + "sh with no checksum or signature checked",
      "curl -fsSLo /tmp/i.py https://x/i.py && python3 /tmp/i.py --user => curl download i.py run by python3 with no "
          + "checksum or signature checked",
      "curl -fsSLO https://x/i.sh && bash ./i.sh => curl download i.sh run by bash with no checksum or signature checked",
      "wget https://x/install.sh?v=2 && chmod +x install.sh && ./install.sh --yes => wget download install.sh run as "
          + "a command with no checksum or signature checked",
      "wget -O /opt/run https://x/run && /opt/run => wget download run run as a command with no checksum or signature"
          + " checked",
      "curl -fsSL https://x/i.sh > /tmp/i.sh && bash /tmp/i.sh => curl download i.sh run by bash with no checksum or "
          + "signature checked",
      "wget -qO- https://x/i.sh 2>/dev/null >>i.sh; sh i.sh => wget download i.sh run by sh with no checksum or "
          + "signature checked"})
  void finds_a_download_run_unverified(String run, String reason) {
    List<ShellCommands.Command> commands = ShellCommands.run(ShellCommands.split(run));
    assertThat(DownloadsRun.in(run, commands)).containsExactly(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "curl -s https://api.example.com/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"v\"])'",
      "curl -s https://api.example.com/latest | jq -r .tag_name",
      "curl -fsSL https://x/i.sh -o /tmp/i.sh && echo \"abc  /tmp/i.sh\" | sha256sum -c && sh /tmp/i.sh",
      "VERSION=$(curl -s https://api.example.com/latest) && echo $VERSION",
      "echo \"$(curl -s https://api.example.com/latest)\" > /version",
      "bash build.sh \"$(curl -s https://api.example.com/latest)\"",
      "curl -s https://x/data.json | python3 /opt/parse.py",
      "curl -s https://x/data.json | node -e 'process.stdin.pipe(process.stdout)'",
      "curl -s https://x/i.sh | tee /tmp/i.sh",
      "wget -qO- https://x/key.asc | gpg --dearmor -o /etc/apt/keyrings/x.gpg",
      "curl -fsSLO https://x/i.sh && sha256sum -c i.sh.sha256 && sh i.sh",
      "curl -fsSLO https://x/i.sh.asc -O https://x/i.sh && gpg --verify i.sh.asc i.sh && sh i.sh",
      "curl -fsSL -o /tmp/data.json https://x/data.json && sh /opt/build.sh",
      "wget -qO- https://x/i.sh > /tmp/i.sh", "curl -s https://x/v > /tmp/v && cat /tmp/v && sh /opt/build.sh",
      "curl -fsSL https://x/i.sh > /tmp/i.sh && sha256sum -c i.sh.sha256 && sh /tmp/i.sh"})
  void a_download_that_is_data_or_verified_first_is_no_finding(String run) {
    List<ShellCommands.Command> commands = ShellCommands.run(ShellCommands.split(run));
    assertThat(DownloadsRun.in(run, commands)).as(run).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void a_megabyte_of_substitutions_is_read_in_linear_time() {
    String run = "eval " + "$(x/".repeat(250_000) + " `y/" + "<(z/".repeat(250_000);
    assertThat(DownloadsRun.in(run, ShellCommands.run(ShellCommands.split(run)))).isEmpty();
    String redirects = "curl https://x/a >a " + "wget >".repeat(100_000) + " 2>&1 >&2 >";
    assertThat(DownloadsRun.in(redirects, ShellCommands.run(ShellCommands.split(redirects)))).isEmpty();
  }
}
