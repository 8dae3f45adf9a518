package io.podarmor.internal.inspect;

import io.podarmor.internal.fs.RetainedFiles;
import java.util.Set;

/** The account files user, group, shell and password checks read. */
public final class AccountFiles {
  private static final Set<String> PATHS = Set.of("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow",
      "/etc/shells");
  /** What the layer pass keeps for these checks: each file up to 16 MiB. */
  public static final RetainedFiles RETAINED = new RetainedFiles(
      "/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow, /etc/shells", PATHS::contains, 16L << 20);

  private AccountFiles() {}
}
