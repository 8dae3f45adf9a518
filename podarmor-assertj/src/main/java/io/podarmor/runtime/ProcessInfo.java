package io.podarmor.runtime;

import java.util.Objects;

/**
 * A container's main process as the engine's process list shows it from outside ({@code docker top}): its host
 * PID, effective and real user and group ids, and command line. Read without running anything in the container.
 *
 * <pre>{@code container.mainProcess().uid()  // 65532}</pre>
 */
public final class ProcessInfo {
  private final long hostPid;
  private final long uid;
  private final long realUid;
  private final long gid;
  private final long realGid;
  private final String command;

  public ProcessInfo(long hostPid, long uid, long realUid, long gid, long realGid, String command) {
    this.hostPid = hostPid;
    this.uid = uid;
    this.realUid = realUid;
    this.gid = gid;
    this.realGid = realGid;
    this.command = Objects.requireNonNull(command, "command");
  }

  /** The process id on the engine's host (inside the container it is PID 1). */
  public long hostPid() {
    return hostPid;
  }

  /** The effective user id: the one the kernel checks permissions against. */
  public long uid() {
    return uid;
  }

  public long realUid() {
    return realUid;
  }

  /** The effective group id. */
  public long gid() {
    return gid;
  }

  public long realGid() {
    return realGid;
  }

  /** The command line, e.g. {@code /catatonit -P}. */
  public String command() {
    return command;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProcessInfo)) {
      return false;
    }
    ProcessInfo p = (ProcessInfo) o;
    return hostPid == p.hostPid && uid == p.uid && realUid == p.realUid && gid == p.gid && realGid == p.realGid
        && command.equals(p.command);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hostPid, uid, realUid, gid, realGid, command);
  }

  /** {@code euid 0, ruid 0, egid 0, rgid 0: /catatonit -P}. */
  @Override
  public String toString() {
    return "euid " + uid + ", ruid " + realUid + ", egid " + gid + ", rgid " + realGid + ": " + command;
  }
}
