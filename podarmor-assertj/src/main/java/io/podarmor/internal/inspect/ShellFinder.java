package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ImageLimits;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.fs.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds shells and multi-call binaries and says why each one is: by name, as a symlink to one, by content (whatever
 * the file is called), or because {@code /etc/shells} lists it. Only what could be executed counts: a regular file
 * with an execute bit, or a symlink that leads to one.
 */
public final class ShellFinder {
  /** Shell names. */
  public static final Set<String> SHELL_NAMES = Set.of(
      "sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "csh", "tcsh", "fish", "ksh93", "rksh", "rksh93", "yash",
      "posh", "sash");
  /** Multi-call binaries that carry a shell. */
  public static final Set<String> MULTI_CALL_NAMES = Set.of("busybox", "toybox");
  /** Shells known by their content only: {@code rc} names too many other files (run commands, init scripts). */
  private static final Set<String> CONTENT_ONLY_SHELLS = Set.of("rc");

  static final String BY_NAME = "by name";
  static final String SYMLINK_TO = "symlink to ";
  static final String CONTENT_IDENTIFIES = "content identifies ";
  static final String LISTED = "listed in /etc/shells";
  private static final String SHELLS_FILE = "/etc/shells";

  private ShellFinder() {}

  /** One line per shell, sorted by path: {@code /bin/sh (by name, symlink to /bin/busybox)}. */
  public static List<String> find(ImageFilesystem fs) {
    return reasons(fs).entrySet().stream()
        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
        .collect(Collectors.toList());
  }

  /** The paths of every shell {@link #find} reports, sorted: what the runtime check tries to exec. */
  public static List<String> paths(ImageFilesystem fs) {
    return List.copyOf(reasons(fs).keySet());
  }

  private static Map<String, List<String>> reasons(ImageFilesystem fs) {
    Map<String, List<String>> reasons = new TreeMap<>();
    for (FileEntry entry : fs.entries()) {
      Optional<FileEntry> executable = Links.executableBehind(fs, entry);
      if (executable.isEmpty()) {
        continue;
      }
      FileEntry program = executable.get();
      if (isShellName(entry.name())) {
        add(reasons, entry.path(), BY_NAME);
      }
      if (entry.isSymlink() && isShell(program)) {
        add(reasons, entry.path(), SYMLINK_TO + program.path());
      }
      if (entry.isRegularFile()) {
        entry.identifiedProgram().filter(ShellFinder::isIdentifiedShell)
            .ifPresent(p -> add(reasons, entry.path(), CONTENT_IDENTIFIES + p));
      }
    }
    addListedShells(fs, reasons);
    return reasons;
  }

  /** True for an executable that is a shell or multi-call binary by its own name or by its content. */
  private static boolean isShell(FileEntry program) {
    return isShellName(program.name()) || program.identifiedProgram().filter(ShellFinder::isIdentifiedShell)
        .isPresent();
  }

  /** True for a program name the content sniffer gives a shell or multi-call binary. */
  private static boolean isIdentifiedShell(String program) {
    return isShellName(program) || CONTENT_ONLY_SHELLS.contains(program);
  }

  private static boolean isShellName(String name) {
    return SHELL_NAMES.contains(name) || MULTI_CALL_NAMES.contains(name);
  }

  /**
   * Every path {@code /etc/shells} lists that leads to a file, read a line at a time, so that the memory taken is that
   * of the shells found. A line of {@value ImageLimits#MAX_PATH_BYTES} bytes or more is no path a program can be run
   * by (the kernel refuses it).
   */
  private static void addListedShells(ImageFilesystem fs, Map<String, List<String>> reasons) {
    if (!Links.follow(fs, SHELLS_FILE).map(FileEntry::isRegularFile).orElse(false)) {
      return;
    }
    Lines lines = new Lines(fs.readString(SHELLS_FILE));
    for (String line = lines.next(); line != null; line = lines.next()) {
      String path = line.strip();
      if (!path.startsWith("/") || path.length() > ImageLimits.MAX_PATH_BYTES) {
        continue;
      }
      String normalized = ImagePaths.normalize(path);
      if (normalized != null && Links.follow(fs, normalized).isPresent()) {
        add(reasons, normalized, LISTED);
      }
    }
  }

  private static void add(Map<String, List<String>> reasons, String path, String reason) {
    List<String> list = reasons.computeIfAbsent(path, p -> new ArrayList<>());
    if (!list.contains(reason)) {
      list.add(reason);
    }
  }
}
