package io.podarmor.testing;

import io.podarmor.image.ContainerImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real-world image: Debian bookworm {@code minbase}, made with {@code debootstrap} from the machine's own Debian
 * mirror, imported into the engine as {@value #MINBASE}; and a hardened variant of it made with a real
 * {@code docker build} as {@value #HARDENED} (set-id bits stripped in a later layer, apt and dpkg programs removed,
 * {@code USER 65532:65532}, a HEALTHCHECK, the shell kept).
 *
 * <p>The rootfs tarball is cached in {@code ~/.cache/podarmor} (or {@code -Dpodarmor.test.cache=…}) between runs: a
 * fresh machine runs debootstrap once (about half a minute). Nothing is skipped: when debootstrap cannot run, the
 * fixture fails and says why.
 *
 * <pre>{@code
 * ContainerImage debian = ContainerImage.fromDaemon(DebianRootfs.minbaseImage());
 * assertThat(debian).hasNoSuidFilesExcept(DebianRootfs.SET_ID_PROGRAMS.toArray(String[]::new));
 * }</pre>
 */
public final class DebianRootfs {
  /** The imported debootstrap rootfs. */
  public static final String MINBASE = "podarmor-test-debian/bookworm:minbase";
  /** The hardened build on top of {@link #MINBASE}. */
  public static final String HARDENED = "podarmor-test-debian/bookworm:hardened";
  /** Label on {@link #MINBASE}: the sha256 of the rootfs tarball it was imported from. */
  public static final String ROOTFS_LABEL = "io.podarmor.test.imported-rootfs-sha256";

  /** The setuid-root programs of Debian bookworm minbase ({@code -rwsr-xr-x root root}). */
  public static final List<String> SETUID_PROGRAMS = List.of(
      "/usr/bin/chfn", "/usr/bin/chsh", "/usr/bin/gpasswd", "/usr/bin/mount", "/usr/bin/newgrp",
      "/usr/bin/passwd", "/usr/bin/su", "/usr/bin/umount");
  /** The setgid-shadow programs of Debian bookworm minbase ({@code -rwxr-sr-x root shadow}). */
  public static final List<String> SETGID_PROGRAMS = List.of(
      "/usr/bin/chage", "/usr/bin/expiry", "/usr/sbin/unix_chkpwd");
  /** Both, sorted. */
  public static final List<String> SET_ID_PROGRAMS = Stream.concat(SETUID_PROGRAMS.stream(),
      SETGID_PROGRAMS.stream()).sorted().collect(java.util.stream.Collectors.toUnmodifiableList());
  /** The gid of Debian's {@code shadow} group. */
  public static final int SHADOW_GID = 42;

  private static final String SUITE = "bookworm";
  private static final String TARBALL = "debian-" + SUITE + "-minbase.tar.gz";
  private static final Path DEBOOTSTRAP = Path.of("/usr/sbin/debootstrap");
  private static final Path TAR = Path.of("/bin/tar");
  private static final String DOCKERFILE = "debian-hardened/Dockerfile";

  private DebianRootfs() {}

  /** {@link #MINBASE} from the engine, imported first if needed. */
  public static ContainerImage minbase() {
    return ContainerImage.fromDaemon(minbaseImage());
  }

  /** {@link #HARDENED} from the engine, built first if needed. */
  public static ContainerImage hardened() {
    return ContainerImage.fromDaemon(hardenedImage());
  }

  /** Imports the cached rootfs into the engine as {@link #MINBASE} unless it is there already; returns the tag. */
  public static synchronized String minbaseImage() {
    return underLock(() -> {
      Path tarball = buildTarball();
      String digest = sha256Of(tarball);
      if (!digest.equals(labelOf(MINBASE))) {
        DockerCli.run("import", "--change", "LABEL " + ROOTFS_LABEL + "=" + digest, "--change", "CMD [\"/bin/bash\"]",
            tarball.toString(), MINBASE);
      }
      return MINBASE;
    });
  }

  /** Builds {@link #HARDENED} with {@code docker build} (cached by the engine after the first time); returns the tag. */
  public static synchronized String hardenedImage() {
    minbaseImage();
    return underLock(() -> {
      Path context = null;
      try {
        context = Files.createTempDirectory("podarmor-debian-hardened");
        try (InputStream in = DebianRootfs.class.getResourceAsStream(DOCKERFILE)) {
          if (in == null) {
            throw new IllegalStateException("The test-jar lacks " + DOCKERFILE + " next to " + DebianRootfs.class);
          }
          Files.copy(in, context.resolve("Dockerfile"));
        }
        DockerCli.run(context, "build", "--network", "none", "-q", "-t", HARDENED, ".");
        return HARDENED;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        TempDirs.deleteRecursively(context);
      }
    });
  }

  /** Writes {@code docker save} of an image (as the engine's own CLI does it) to {@code file}. */
  public static Path save(String reference, Path file) {
    DockerCli.run("save", "-o", file.toString(), reference);
    return file;
  }

  /**
   * The cached rootfs tarball ({@code tar.gz}, numeric owners), made with debootstrap when missing.
   *
   * @throws IllegalStateException when debootstrap cannot run here, saying why
   */
  public static synchronized Path rootfsTarball() {
    return underLock(DebianRootfs::buildTarball);
  }

  private static Path buildTarball() {
    Path tarball = cacheDir().resolve(TARBALL);
    if (Files.isRegularFile(tarball)) {
      return tarball;
    }
    requireDebootstrap();
    String mirror = DebianMirror.find(SUITE);
    Path work = null;
    try {
      work = Files.createTempDirectory(cacheDir(), "debootstrap-");
      Path rootfs = work.resolve("rootfs");
      try {
        DockerCli.exec(List.of(DEBOOTSTRAP.toString(), "--variant=minbase", SUITE, rootfs.toString(), mirror), null,
            Map.of("DEBIAN_FRONTEND", "noninteractive"));
      } catch (IllegalStateException e) {
        Path log = rootfs.resolve("debootstrap/debootstrap.log");
        String tail = "";
        if (Files.isRegularFile(log)) {
          String text = Files.readString(log, StandardCharsets.UTF_8);
          tail = "\n" + log + " ends with:\n" + text.substring(Math.max(0, text.length() - 3000));
        }
        throw new IllegalStateException(e.getMessage() + tail, e);
      }
      Path partial = work.resolve(TARBALL);
      // what docker's own Debian images leave out too: device nodes, downloaded packages, package lists
      DockerCli.exec(List.of(TAR.toString(), "--numeric-owner", "-C", rootfs.toString(),
          "--exclude=./dev/*", "--exclude=./proc/*", "--exclude=./sys/*",
          "--exclude=./var/cache/apt/archives/*.deb", "--exclude=./var/lib/apt/lists/*",
          "-czf", partial.toString(), "."), null, Map.of());
      Files.writeString(work.resolve(TARBALL + ".sha256"), sha256(partial));
      Files.move(work.resolve(TARBALL + ".sha256"), cacheDir().resolve(TARBALL + ".sha256"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE);
      return tarball;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build the Debian rootfs in " + cacheDir(), e);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("debootstrap of Debian " + SUITE + " minbase from " + mirror + " failed: "
          + e.getMessage(), e);
    } finally {
      deleteWorkDir(work);
    }
  }

  /**
   * Removes debootstrap's work directory, unless something is still mounted inside it (debootstrap bind-mounts
   * {@code /dev} entries and mounts {@code /proc} while it runs): deleting through such a mount would delete the
   * host's files.
   */
  private static void deleteWorkDir(Path work) {
    if (work == null) {
      return;
    }
    List<String> mounts = mountsUnder(work);
    if (!mounts.isEmpty()) {
      throw new IllegalStateException("Left " + work + " in place: " + String.join(", ", mounts)
          + " is still mounted inside it; unmount, then remove it");
    }
    TempDirs.deleteRecursively(work);
  }

  private static List<String> mountsUnder(Path dir) {
    String prefix = dir.toAbsolutePath().normalize() + "/";
    try {
      return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
          .map(line -> line.split(" "))
          .filter(fields -> fields.length > 1)
          .map(fields -> fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\"))
          .filter(mountPoint -> (mountPoint + "/").startsWith(prefix))
          .collect(java.util.stream.Collectors.toList());
    } catch (IOException e) {
      return List.of("(unknown: cannot read /proc/self/mounts: " + e.getMessage() + ")");
    }
  }

  private static void requireDebootstrap() {
    if (!Files.isExecutable(DEBOOTSTRAP)) {
      throw new IllegalStateException("Cannot build the Debian test image: " + DEBOOTSTRAP + " is missing; install "
          + "Debian's debootstrap (.ci/run does)");
    }
    Object uid;
    try {
      uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("Cannot build the Debian test image: cannot tell whether this runs as root ("
          + e.getMessage() + "); debootstrap needs root", e);
    }
    if (!Integer.valueOf(0).equals(uid)) {
      throw new IllegalStateException("Cannot build the Debian test image: debootstrap needs root, this runs as uid "
          + uid + " (run the tests as root, as .ci/run does, or put " + TARBALL + " into " + cacheDir() + ")");
    }
  }

  private static String labelOf(String reference) {
    try {
      return DockerCli.run("image", "inspect", "--format", "{{ index .Config.Labels \"" + ROOTFS_LABEL + "\" }}",
          reference).trim();
    } catch (IllegalStateException notThere) {
      return "";
    }
  }

  private static String sha256Of(Path tarball) {
    Path sidecar = tarball.resolveSibling(tarball.getFileName() + ".sha256");
    try {
      if (Files.isRegularFile(sidecar) && Files.getLastModifiedTime(sidecar).compareTo(
          Files.getLastModifiedTime(tarball)) >= 0) {
        return Files.readString(sidecar).trim();
      }
      String digest = sha256(tarball);
      Files.writeString(sidecar, digest);
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where the rootfs tarball is cached. */
  public static Path cacheDir() {
    String configured = System.getProperty("podarmor.test.cache");
    Path dir = configured != null ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "podarmor");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the test cache " + dir, e);
    }
  }

  /** Runs under a file lock, so test JVMs on one machine build and import once, one after the other. */
  private static <T> T underLock(java.util.function.Supplier<T> action) {
    Path lockFile = cacheDir().resolve("debian.lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
          .getBytes(StandardCharsets.US_ASCII)), 0);
      return action.get();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + lockFile, e);
    }
  }
}
