package io.podarmor.runtime;

import java.util.Objects;

/**
 * A container's main process as the engine's process list shows it from outside ({@code docker top}): its host
 * PID, effective and real user and group ids, and command line. Read without running anything in the container.
 *
 * <pre>{@code container.mainProcess().uid()  // 65532}</pre>
 *
 * @param hostPid the process id on the engine's host (inside the container it is PID 1)
 * @param uid     the effective user id: the one the kernel checks permissions against
 * @param realUid the real user id
 * @param gid     the effective group id
 * @param realGid the real group id
 * @param command the command line, e.g. {@code /catatonit -P}
 */
public record ProcessInfo(long hostPid, long uid, long realUid, long gid, long realGid, String command) {
  /** Makes the record; no component may be null. */
  public ProcessInfo {
    Objects.requireNonNull(command, "command");
  }

  /** {@code euid 0, ruid 0, egid 0, rgid 0: /catatonit -P}. */
  @Override
  public String toString() {
    return "euid " + uid + ", ruid " + realUid + ", egid " + gid + ", rgid " + realGid + ": " + command;
  }
}
