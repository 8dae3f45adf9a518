package io.podarmor.internal.runtime;

import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.model.Info;
import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ProcessInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a container's main process from the engine's process list ({@code docker top <id> -o …}), which the
 * engine produces with {@code ps} on its host: nothing runs inside the container, so images without {@code id}
 * or a shell can be checked. An engine on this machine that answers with no list (podman) has the process read
 * where {@code ps} reads it, from {@code /proc} ({@link HostProc}).
 */
public final class ProcessTable {
  static final String PS_ARGS = "-o pid,euid,ruid,egid,rgid,args";
  static final String EMPTY_ANSWER = "the engine answered with an empty body, as podman's Docker-compatible API does"
      + " for ps options, and it is not on this machine, whose /proc would tell the process' user";
  private static volatile Boolean usernsRemap;

  private ProcessTable() {}

  /** The process whose host PID is {@code hostPid}, as the engine lists it. */
  public static ProcessInfo mainProcess(String containerId, long hostPid, String what) {
    TopContainerResponse top;
    try {
      top = Docker.client().topContainerCmd(containerId).withPsArgs(PS_ARGS).exec();
    } catch (RuntimeException e) {
      if (answeredNothing(e) && Docker.host().startsWith("unix://")) {
        return fromHostProc(containerId, hostPid, what);
      }
      throw new ContainerException("Cannot read the process list of the container of " + what
          + " from the engine (docker top " + ContainerState.shortId(containerId) + " " + PS_ARGS + "): "
          + (answeredNothing(e) ? EMPTY_ANSWER : EngineErrors.message(e)), e);
    }
    requireIdentityMapping(what);
    return find(top.getTitles(), top.getProcesses(), hostPid, what);
  }

  /** What {@code ps} would have read: this machine's {@code /proc}, for an engine listening on a local socket. */
  private static ProcessInfo fromHostProc(String containerId, long hostPid, String what) {
    try {
      return HostProc.mainProcess(Path.of("/proc"), containerId, hostPid, what);
    } catch (ContainerException e) {
      throw new ContainerException("Cannot read the main process of the container of " + what + ": the engine ("
          + Docker.host() + ") answered docker top with an empty body, as podman's Docker-compatible API does for"
          + " ps options, and " + Character.toLowerCase(e.getMessage().charAt(0)) + e.getMessage().substring(1), e);
    }
  }

  /** True when the engine's answer had no body at all, which the client reports as a JSON end-of-input. */
  static boolean answeredNothing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("No content to map due to end-of-input")) {
        return true;
      }
    }
    return false;
  }

  /** The row of {@code hostPid} in a {@code docker top} answer with the {@link #PS_ARGS} columns. */
  static ProcessInfo find(String[] titles, String[][] rows, long hostPid, String what) {
    List<String> t = Arrays.asList(titles == null ? new String[0] : titles);
    int pid = column(t, "PID", what);
    int euid = column(t, "EUID", what);
    int ruid = column(t, "RUID", what);
    int egid = column(t, "EGID", what);
    int rgid = column(t, "RGID", what);
    int cmd = t.size() - 1;
    for (String[] row : rows == null ? new String[0][] : rows) {
      if (row.length == t.size() && String.valueOf(hostPid).equals(row[pid])) {
        try {
          return new ProcessInfo(hostPid, Long.parseLong(row[euid]), Long.parseLong(row[ruid]),
              Long.parseLong(row[egid]), Long.parseLong(row[rgid]), row[cmd]);
        } catch (NumberFormatException e) {
          throw new ContainerException("The engine's process list for the container of " + what
              + " has non-numeric ids in " + String.join(" ", row) + "; cannot tell the process' user");
        }
      }
    }
    throw new ContainerException("The engine's process list for the container of " + what
        + " has no process with host PID " + hostPid + " (its main process); found " + rows(rows));
  }

  private static int column(List<String> titles, String name, String what) {
    int i = titles.indexOf(name);
    if (i < 0) {
      throw new ContainerException("The engine's process list for the container of " + what + " has no " + name
          + " column (columns: " + String.join(" ", titles) + "); the engine's ps does not support "
          + PS_ARGS + ", so the process' user cannot be read");
    }
    return i;
  }

  private static String rows(String[][] rows) {
    if (rows == null || rows.length == 0) {
      return "no processes";
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.append(sb.length() == 0 ? "" : "; ").append(String.join(" ", r));
    }
    return sb.toString();
  }

  /**
   * Fails when the engine remaps user namespaces: its process list then shows host uids, not the container's,
   * and a check must not pass or fail on a number it cannot interpret.
   */
  private static void requireIdentityMapping(String what) {
    Boolean remap = usernsRemap;
    if (remap == null) {
      try {
        Info info = Docker.client().infoCmd().exec();
        List<String> options = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
        remap = options.stream().anyMatch(o -> o.contains("name=userns"));
      } catch (RuntimeException e) {
        throw new ContainerException("Cannot ask the engine (" + Docker.host() + ") whether it remaps user namespaces,"
            + " so the uid of the container of " + what + " cannot be interpreted: " + EngineErrors.message(e), e);
      }
      usernsRemap = remap;
    }
    if (remap) {
      throw new ContainerException("The engine (" + Docker.host() + ") runs with user-namespace remapping"
          + " (userns-remap): its process list shows host uids, not the uids inside the container of " + what
          + "; run the runtime checks on an engine without userns-remap");
    }
  }
}
