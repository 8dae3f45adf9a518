package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.fs.Shebang;
import io.podarmor.internal.tar.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The program the engine starts for a HEALTHCHECK probe, found as the engine finds it: the first word of a {@code CMD}
 * test, or {@code /bin/sh} for {@code CMD-SHELL} (the probe runs {@code /bin/sh -c} whatever the image's {@code
 * SHELL}: the engine does not carry an image's Shell into the container's config), looked up as runc's {@code
 * exec.LookPath} does in the container's environment: a name with a slash as it is, relative to the working
 * directory; any other name in each directory of {@code PATH} (the config's, else the engine's default), where an
 * empty entry is the working directory. What it finds must be no directory and have an execute bit, and not be found
 * through a relative PATH entry first; a script's {@code #!} interpreter must be such a file too, and the file the
 * kernel runs in the end an ELF binary for the image's architecture. The probe runs as the image's user, who must be
 * allowed to search each file's directories and execute it. Otherwise the exec fails and the probe never succeeds
 * (checked against the engine's own health log).
 */
public final class HealthProbe {
  /** The PATH the engine gives a container whose config sets none ({@code system.DefaultPathEnv}). */
  static final String ENGINE_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String SHELL = "/bin/sh";
  /** Scripts whose interpreter is a script: the kernel follows four ({@code BINPRM} depth), then fails. */
  private static final int MAX_SCRIPT_DEPTH = 4;

  private HealthProbe() {}

  /**
   * Why the engine cannot start this probe in this image, or empty when it finds the program.
   *
   * @param test a {@code CMD} or {@code CMD-SHELL} test with a command
   */
  public static Optional<String> unstartable(ImageConfig config, String architecture, List<String> test,
      ImageFilesystem fs) {
    boolean shellForm = test.get(0).equals("CMD-SHELL");
    String program = shellForm ? SHELL : test.get(1);
    String cwd = "/" + config.workingDir(); // the engine refuses to create a container whose WorkingDir is relative
    String path = config.env().containsKey("PATH") ? config.env().get("PATH") : ENGINE_DEFAULT_PATH;
    Lookup lookup = lookPath(program, cwd, path, fs);
    Probe probe = new Probe(fs, cwd, architecture, UserResolver.resolve(config.user(), fs));
    String reason = lookup.reason() != null ? lookup.reason() : probe.runProblem(lookup.path(), 0);
    if (reason == null) {
      return Optional.empty();
    }
    String found = lookup.path() == null || lookup.path().equals(program) ? ""
        : " (found at " + Names.printable(lookup.path()) + ")";
    String subject = shellForm ? "the engine runs it with " + SHELL + " -c, and " + SHELL : quoted(program) + found;
    return Optional.of(subject + reason + ", so the engine's probe cannot run it and never succeeds");
  }

  /**
   * Why {@code exec.LookPath(program)} fails in the container, or {@code null} when it succeeds. Found through a
   * relative PATH entry is a failure too: Go's {@code ErrDot}, which runc does not override ("cannot run executable
   * found relative to current directory"), and the search stops there.
   */
  private static Lookup lookPath(String program, String cwd, String path, ImageFilesystem fs) {
    if (program.contains("/")) {
      String absolute = program.startsWith("/") ? program : ImagePaths.child(cwd, program);
      return executable(fs, absolute) ? new Lookup(absolute, null)
          : new Lookup(null, " is not an executable file in the image");
    }
    Lookup notFound = new Lookup(null, " is not an executable file in the image (looked up in PATH="
        + Names.printable(path) + ")");
    if (path.isEmpty()) {
      return notFound; // Go's filepath.SplitList("") is no directory at all
    }
    HashSet<String> looked = new HashSet<>();
    for (String dir : path.split(":", -1)) {
      String entry = dir.isEmpty() ? "." : dir;
      // filepath.Join(dir, program): cleaned as text before the kernel looks it up
      String joined = entry + "/" + program;
      boolean relative = !joined.startsWith("/");
      String candidate = ImagePaths.clean(relative ? cwd + "/" + joined : joined);
      if (looked.add(candidate) && executable(fs, candidate)) {
        return relative ? new Lookup(null, " is found through the relative PATH entry \"" + Names.printable(dir)
            + "\" first (PATH=" + Names.printable(path) + "), and runc refuses to run a program found relative to the "
            + "working directory") : new Lookup(candidate, null);
      }
    }
    return notFound;
  }

  /** Where the lookup found the program, or why it did not. */
  private record Lookup(String path, String reason) {}

  /** What the probe's exec runs into: the filesystem, the working directory, the architecture and the user. */
  private record Probe(ImageFilesystem fs, String cwd, String architecture, UserResolution user) {
    /**
     * Why the kernel cannot run the file at {@code path} for the probe's user: no permission to search its directories
     * or execute it, a script whose {@code #!} interpreter it cannot run (scripts for scripts {@value #MAX_SCRIPT_DEPTH}
     * deep at most), a file that is neither such a script nor ELF for the image's architecture; or {@code null}.
     */
    String runProblem(String path, int depth) {
      Optional<FileEntry> entry = Links.follow(fs, path);
      if (entry.isEmpty()) {
        return null; // found by the lookup, so only a symlink loop lost since: the lookup's own answer stands
      }
      String denied = permissionProblem(entry.get());
      if (denied != null) {
        return denied;
      }
      Optional<String> interpreter = entry.get().interpreter();
      if (interpreter.isEmpty()) {
        return formatProblem(entry.get());
      }
      if (interpreter.get().isEmpty()) {
        return " starts with a #! line that names no interpreter the kernel can read in its first "
            + Shebang.BUFFER + " bytes";
      }
      if (depth == MAX_SCRIPT_DEPTH) {
        return " is a script run by scripts " + MAX_SCRIPT_DEPTH + " deep, more than the kernel follows";
      }
      String interpreterPath = interpreter.get().startsWith("/") ? interpreter.get()
          : ImagePaths.child(cwd, interpreter.get());
      if (!executable(fs, interpreterPath)) {
        return " is a script for " + Names.printable(interpreter.get()) + ", which is not an executable file in the "
            + "image";
      }
      if (Links.follow(fs, interpreterPath).equals(entry)) {
        return " is a script for itself, which the kernel runs as its own interpreter until it gives up";
      }
      String deeper = runProblem(interpreterPath, depth + 1);
      return deeper == null ? null : " is a script for " + Names.printable(interpreter.get()) + ", which" + deeper;
    }

    /**
     * Why the probe's user may not run the file (the exec fails with "permission denied"): a directory on its way it
     * may not search, or no execute bit of the class it falls in (owner, group or supplementary group, other). Root
     * has {@code CAP_DAC_OVERRIDE} in the engine's default set and needs only one execute bit. A user the engine
     * cannot resolve is left to {@code runsAsNonRoot()}: the container then does not start at all.
     */
    private String permissionProblem(FileEntry file) {
      if (!user.isResolved() || user.uid() == 0) {
        return null;
      }
      for (String dir = ImagePaths.parent(file.path()); dir != null; dir = ImagePaths.parent(dir)) {
        Optional<FileEntry> directory = fs.get(dir);
        if (directory.isPresent() && (permissions(directory.get()) & 1) == 0) {
          return " lies in " + Names.printable(dir) + ", which the probe's user, " + who() + ", may not search ("
              + describe(directory.get()) + ")";
        }
      }
      if ((permissions(file) & 1) == 0) {
        return " is not executable by the probe's user, " + who() + " (" + describe(file) + ")";
      }
      return null;
    }

    /** The three mode bits that apply to the probe's user, as the kernel picks them: owner, else group, else other. */
    private int permissions(FileEntry file) {
      if (file.uid() == user.uid()) {
        return file.mode() >> 6 & 7;
      }
      if (file.gid() == user.gid() || user.groups().contains(file.gid())) {
        return file.mode() >> 3 & 7;
      }
      return file.mode() & 7;
    }

    private String who() {
      return "uid " + user.uid() + " gid " + user.gid() + (user.groups().isEmpty() ? ""
          : " groups " + user.groups().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    private static String describe(FileEntry file) {
      return file.lsMode() + " " + file.uid() + ":" + file.gid();
    }

    /**
     * Why the kernel's {@code execve} refuses a file that is no script (exec format error), or {@code null}: it must
     * be ELF, for the image's own architecture. Whether a host also runs others (386 on amd64, arm on arm64, anything
     * through emulation) depends on its kernel, which a static check cannot see: the engine here refuses a 386 binary
     * in an amd64 image. An image that names no architecture is not compared.
     */
    private String formatProblem(FileEntry file) {
      Optional<String> elf = file.architecture();
      if (elf.isEmpty()) {
        return " is neither an ELF binary nor a #! script: the kernel refuses to run it (exec format error)";
      }
      if (!architecture.isEmpty() && !elf.get().equals(architecture)) {
        return " is an ELF binary for " + elf.get() + " in an image for " + Names.printable(architecture)
            + ": the kernel refuses to run it (exec format error) unless the host runs " + elf.get() + " binaries too";
      }
      return null;
    }
  }

  /** Go's {@code findExecutable}: {@code stat} succeeds, and the file is no directory and has an execute bit. */
  private static boolean executable(ImageFilesystem fs, String path) {
    Optional<FileEntry> entry = Links.follow(fs, path);
    return entry.isPresent() && !entry.get().isDirectory() && entry.get().isExecutable();
  }

  private static String quoted(String program) {
    return program.isEmpty() ? "the empty program name \"\"" : Names.printable(program);
  }
}
