package io.podarmor.internal.runtime;

import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a container's main process from this machine's {@code /proc}, as {@code ps} does for {@code docker top}: for
 * an engine on this machine whose process list runs no {@code ps} (podman's Docker-compatible API). The process must
 * be in the container's cgroup (its path names the full container ID), so a PID reused by another process is never
 * read as the container's; its ids are mapped back through its user namespace ({@code uid_map}, {@code gid_map}),
 * so rootless engines give the ids inside the container.
 */
final class HostProc {
  private HostProc() {}

  /** The main process of {@code containerId}, whose PID on this machine is {@code hostPid}. */
  static ProcessInfo mainProcess(Path proc, String containerId, long hostPid, String what) {
    Path dir = proc.resolve(Long.toString(hostPid));
    String where = dir.toString();
    List<String> cgroups = lines(dir.resolve("cgroup"), what, hostPid);
    if (cgroups.stream().noneMatch(line -> line.contains(containerId))) {
      throw new ContainerException("Process " + hostPid + " in " + proc + " is not in the cgroup of the container of "
          + what + " (" + ContainerState.shortId(containerId) + "): cannot tell its main process' user");
    }
    List<String> status = lines(dir.resolve("status"), what, hostPid);
    long[] uids = ids(status, "Uid:", where);
    long[] gids = ids(status, "Gid:", where);
    List<String> uidMap = lines(dir.resolve("uid_map"), what, hostPid);
    List<String> gidMap = lines(dir.resolve("gid_map"), what, hostPid);
    return new ProcessInfo(hostPid, inside(uidMap, uids[1], "uid", where), inside(uidMap, uids[0], "uid", where),
        inside(gidMap, gids[1], "gid", where), inside(gidMap, gids[0], "gid", where), command(dir, what, hostPid));
  }

  /** The real and effective ids of a {@code status} line such as {@code Uid:	1000	65532	65532	65532}. */
  static long[] ids(List<String> status, String key, String where) {
    for (String line : status) {
      if (line.startsWith(key)) {
        String[] f = line.substring(key.length()).trim().split("\\s+");
        try {
          return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (RuntimeException e) {
          break;
        }
      }
    }
    throw new ContainerException(where + "/status has no readable " + key + " line; cannot tell the process' user");
  }

  /**
   * The id inside the process' user namespace of {@code outside}, an id on this machine: each {@code uid_map} line is
   * {@code <first inside> <first outside> <count>}.
   */
  static long inside(List<String> map, long outside, String kind, String where) {
    for (String line : map) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        long in = Long.parseLong(f[0]);
        long out = Long.parseLong(f[1]);
        long count = Long.parseLong(f[2]);
        if (outside >= out && outside - out < count) {
          return in + (outside - out);
        }
      }
    }
    throw new ContainerException("The " + kind + " " + outside + " of " + where + " is mapped to no " + kind
        + " inside its user namespace (" + kind + "_map: " + String.join("; ", map).trim() + ")");
  }

  private static String command(Path dir, String what, long hostPid) {
    try {
      byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      throw unreadable(dir.resolve("cmdline"), what, hostPid, e);
    }
  }

  private static List<String> lines(Path file, String what, long hostPid) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(file, what, hostPid, e);
    }
  }

  private static ContainerException unreadable(Path file, String what, long hostPid, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new ContainerException("The main process of the container of " + what + " (host PID " + hostPid
          + ") is not in this machine's " + file.getParent().getParent() + " (the engine runs in another machine or a"
          + " VM, or the process exited): cannot read its user");
    }
    return new ContainerException("Cannot read " + file + " for the container of " + what + ": " + e.getMessage(), e);
  }
}
