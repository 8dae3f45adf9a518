package io.podarmor.internal.runtime;

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
 * A small finder for the runtime check; the static {@code hasNoShell()} check has the thorough one (to be unified).
 */
public final class ShellCandidates {
  /** Shell program names. */
  public static final Set<String> SHELL_NAMES =
      Set.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "csh", "tcsh", "fish");
  /** Multi-call binaries that carry a shell applet, called as {@code busybox sh}. */
  public static final Set<String> MULTI_CALL = Set.of("busybox", "toybox");

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

  /**
   * Paths of shells in the image: entries named like a shell or a multi-call binary that lead to an executable
   * regular file, regular files identified as bash by their content, and the existing entries of
   * {@code /etc/shells}.
   */
  public static List<String> shellPaths(ImageFilesystem fs) {
    TreeMap<String, Boolean> found = new TreeMap<>();
    for (FileEntry e : fs.entries()) {
      boolean byName = SHELL_NAMES.contains(e.name()) || MULTI_CALL.contains(e.name());
      boolean byContent = e.isRegularFile() && e.identifiedProgram().filter("bash"::equals).isPresent();
      if ((byName && (e.isRegularFile() || e.isSymlink())) || byContent) {
        if (leadsToExecutable(fs, e.path())) {
          found.put(e.path(), true);
        }
      }
    }
    if (fs.hasContent("/etc/shells")) {
      for (String line : fs.readString("/etc/shells").split("\n")) {
        String path = line.strip();
        if (path.startsWith("/") && leadsToExecutable(fs, path)) {
          found.put(path, true);
        }
      }
    }
    return List.copyOf(found.keySet());
  }

  private static boolean leadsToExecutable(ImageFilesystem fs, String path) {
    try {
      Optional<FileEntry> target = fs.resolve(path);
      return target.isPresent() && target.get().isRegularFile() && target.get().isExecutable();
    } catch (RuntimeException e) {
      return false;
    }
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
