package io.podarmor.internal.runtime;

import io.podarmor.internal.inspect.ShellFinder;
import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shells a runtime check tries to exec: a fixed set every image gets ({@code /bin/sh}, and {@code sh},
 * {@code bash}, {@code ash} looked up on the PATH), plus every shell path found by name in the image's filesystem.
 * The shells the runtime check tries to exec: the usual ones by name, and every shell the static check found.
 */
public final class ShellCandidates {
  /** Shell program names. */
  public static final Set<String> SHELL_NAMES = ShellFinder.SHELL_NAMES;
  /** Multi-call binaries that carry a shell applet, called as {@code busybox sh}. */
  public static final Set<String> MULTI_CALL = ShellFinder.MULTI_CALL_NAMES;

  private static final List<List<String>> ALWAYS =
      List.of(List.of("/bin/sh"), List.of("sh"), List.of("bash"), List.of("ash"));

  private ShellCandidates() {}

  /**
   * The command prefixes to exec, each to be followed by {@code -c <probe>}: the fixed ones, then one per shell
   * path of the image, sorted ({@code [/bin/busybox, sh]} for a multi-call binary, {@code [/bin/bash]} otherwise).
   */
  public static List<List<String>> commands(ImageFilesystem fs) {
    List<List<String>> commands = new ArrayList<>(ALWAYS);
    for (String path : shellPaths(fs)) {
      List<String> command = isMultiCall(fs, path) ? List.of(path, "sh") : List.of(path);
      if (!commands.contains(command)) {
        commands.add(command);
      }
    }
    return commands;
  }

  /** Paths of shells in the image: exactly what the static {@code hasNoShell()} check finds. */
  public static List<String> shellPaths(ImageFilesystem fs) {
    return ShellFinder.paths(fs);
  }

  private static boolean isMultiCall(ImageFilesystem fs, String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (MULTI_CALL.contains(name)) {
      return true;
    }
    if (SHELL_NAMES.contains(name)) {
      return false;
    }
    return fs.resolve(path).flatMap(FileEntry::identifiedProgram).filter(MULTI_CALL::contains).isPresent();
  }
}
