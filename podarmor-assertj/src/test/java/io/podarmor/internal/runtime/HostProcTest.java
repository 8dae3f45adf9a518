package io.podarmor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ProcessInfo;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.RuntimeImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's main process read from {@code /proc}: the ids inside its user namespace, only for a process in the
 * container's cgroup; and, on a real container, the same answer as the engine's own {@code docker top}.
 */
class HostProcTest {
  static final String ID = "ecf72726345315003f94f9a42ca2c956b03e6c6912e7d4b62424f913cc478d15";

  @TempDir Path proc;

  @Test
  void readsTheIdsAndCommandOfAProcessInTheContainersCgroup() throws IOException {
    process(4188, "0::/libpod_parent/libpod-" + ID + "\n", "1000", "65532", "1001", "65533",
        "0 0 4294967295\n", "/app\0serve\0--port\08080\0");

    ProcessInfo p = HostProc.mainProcess(proc, ID, 4188, "acme/api:1");

    assertThat(p).isEqualTo(new ProcessInfo(4188, 65532, 1000, 65533, 1001, "/app serve --port 8080"));
  }

  @Test
  void mapsARootlessEnginesHostIdsBackIntoTheContainer() throws IOException {
    process(77, "0::/user.slice/libpod-" + ID + ".scope/container\n", "165531", "165531", "1000", "1000",
        "         0       1000          1\n         1     100000      65536\n", "/app\0");

    ProcessInfo p = HostProc.mainProcess(proc, ID, 77, "acme/api:1");

    assertThat(p.uid()).isEqualTo(65532);
    assertThat(p.realUid()).isEqualTo(65532);
    assertThat(p.gid()).isZero();
  }

  @Test
  void aProcessOutsideTheContainersCgroupIsNotRead() throws IOException {
    process(4188, "0::/system.slice/sshd.service\n", "0", "0", "0", "0", "0 0 4294967295\n", "sshd\0");

    assertThatThrownBy(() -> HostProc.mainProcess(proc, ID, 4188, "acme/api:1"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("Process 4188 in " + proc + " is not in the cgroup of the container of acme/api:1 (ecf727263453):"
            + " cannot tell its main process' user");
  }

  @Test
  void aProcessThisMachineDoesNotSeeIsSaidSo() {
    assertThatThrownBy(() -> HostProc.mainProcess(proc, ID, 4188, "acme/api:1"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("The main process of the container of acme/api:1 (host PID 4188) is not in this machine's " + proc
            + " (the engine runs in another machine or a VM, or the process exited): cannot read its user");
  }

  @Test
  void anIdMappedToNothingFailsClosed() throws IOException {
    process(9, "0::/libpod-" + ID + "\n", "5", "5", "0", "0", "0 1000 1\n", "/app\0");

    assertThatThrownBy(() -> HostProc.mainProcess(proc, ID, 9, "acme/api:1"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("The uid 5 of " + proc.resolve("9") + " is mapped to no uid inside its user namespace"
            + " (uid_map: 0 1000 1)");
  }

  /** The engine's oracle: a Docker container's main process, read from /proc, is what docker top says it is. */
  @Test
  void agreesWithTheEnginesOwnProcessList() {
    String image = RuntimeImages.shellless();
    String id = DockerCli.run("run", "-d", "--network", "none", "--user", "65532:65534", image).strip();
    try {
      long pid = Long.parseLong(DockerCli.run("inspect", "-f", "{{.State.Pid}}", id).strip());
      String[] top = DockerCli.run("top", id, "-o", "pid,euid,ruid,egid,rgid,args").lines()
          .filter(line -> line.strip().startsWith(pid + " ")).findFirst().orElseThrow().strip().split("\\s+", 6);

      ProcessInfo read = HostProc.mainProcess(Path.of("/proc"), id, pid, image);

      assertThat(read).isEqualTo(new ProcessInfo(pid, Long.parseLong(top[1]), Long.parseLong(top[2]),
          Long.parseLong(top[3]), Long.parseLong(top[4]), top[5]));
      assertThat(read.uid()).isEqualTo(65532);
      assertThat(read.gid()).isEqualTo(65534);
    } finally {
      DockerCli.run("rm", "-f", id);
    }
  }

  private void process(long pid, String cgroup, String ruid, String euid, String rgid, String egid, String map,
      String cmdline) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("cgroup"), cgroup);
    Files.writeString(dir.resolve("status"), "Name:\tapp\nUid:\t" + ruid + "\t" + euid + "\t" + euid + "\t" + euid
        + "\nGid:\t" + rgid + "\t" + egid + "\t" + egid + "\t" + egid + "\n");
    Files.writeString(dir.resolve("uid_map"), map);
    Files.writeString(dir.resolve("gid_map"), map);
    Files.write(dir.resolve("cmdline"), cmdline.getBytes(StandardCharsets.UTF_8));
  }
}
