package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;

/** Formats a file as failure evidence: {@code -rwsr-xr-x 0:0 /usr/bin/passwd from layer 1 (sha256:0123456789ab)}. */
public final class Evidence {
  private Evidence() {}

  /**
   * The entry like {@code ls -l} shows it (mode, owner, path, {@code -> target} for a symlink, the path it links to
   * for a hard link), followed by the layer that last wrote it.
   */
  public static String of(FileEntry entry) {
    StringBuilder s = new StringBuilder()
        .append(entry.lsMode()).append(' ')
        .append(entry.uid()).append(':').append(entry.gid()).append(' ')
        .append(entry.path());
    entry.linkTarget().ifPresent(target -> s.append(" -> ").append(target));
    entry.hardLinkTarget().ifPresent(target -> s.append(" (hard link to ").append(target).append(')'));
    return s.append(" from ").append(entry.layerDescription()).toString();
  }
}
