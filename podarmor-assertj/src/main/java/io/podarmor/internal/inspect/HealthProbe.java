package io.podarmor.internal.inspect;

import io.podarmor.image.FileEntry;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.tar.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The program the engine starts for a HEALTHCHECK probe, found as the engine finds it: the first word of a {@code CMD}
 * test, or {@code /bin/sh} for {@code CMD-SHELL} (the probe runs {@code /bin/sh -c} whatever the image's {@code
 * SHELL}: the engine does not carry an image's Shell into the container's config), looked up as runc's {@code
 * exec.LookPath} does in the container's environment: a name with a slash as it is, relative to the working
 * directory; any other name in each directory of {@code PATH} (the config's, else the engine's default), where an
 * empty entry is the working directory. What it finds must be no directory and have an execute bit, and not be found
 * through a relative PATH entry first; otherwise the exec fails and the probe never succeeds (checked against the
 * engine's own health log).
 */
public final class HealthProbe {
  /** The PATH the engine gives a container whose config sets none ({@code system.DefaultPathEnv}). */
  static final String ENGINE_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String SHELL = "/bin/sh";

  private HealthProbe() {}

  /**
   * Why the engine cannot start this probe in this image, or empty when it finds the program.
   *
   * @param test a {@code CMD} or {@code CMD-SHELL} test with a command
   */
  public static Optional<String> unstartable(ImageConfig config, List<String> test, ImageFilesystem fs) {
    boolean shellForm = test.get(0).equals("CMD-SHELL");
    String program = shellForm ? SHELL : test.get(1);
    String cwd = "/" + config.workingDir(); // the engine refuses to create a container whose WorkingDir is relative
    String path = config.env().containsKey("PATH") ? config.env().get("PATH") : ENGINE_DEFAULT_PATH;
    String reason = lookPath(program, cwd, path, fs);
    if (reason == null) {
      return Optional.empty();
    }
    String subject = shellForm ? "the engine runs it with " + SHELL + " -c, and " + SHELL : quoted(program);
    return Optional.of(subject + reason + ", so the engine's probe never starts and never succeeds");
  }

  /**
   * Why {@code exec.LookPath(program)} fails in the container, or {@code null} when it succeeds. Found through a
   * relative PATH entry is a failure too: Go's {@code ErrDot}, which runc does not override ("cannot run executable
   * found relative to current directory"), and the search stops there.
   */
  private static String lookPath(String program, String cwd, String path, ImageFilesystem fs) {
    if (program.contains("/")) {
      boolean found = executable(fs, program.startsWith("/") ? program : ImagePaths.child(cwd, program));
      return found ? null : " is not an executable file in the image";
    }
    String notFound = " is not an executable file in the image (looked up in PATH=" + Names.printable(path) + ")";
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
        return relative ? " is found through the relative PATH entry \"" + Names.printable(dir) + "\" first (PATH="
            + Names.printable(path) + "), and runc refuses to run a program found relative to the working directory"
            : null;
      }
    }
    return notFound;
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
