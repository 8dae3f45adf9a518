package io.podarmor.testing;

import com.github.dockerjava.api.exception.NotFoundException;
import io.podarmor.internal.docker.Docker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runnable test images for runtime checks, built from layers and loaded into the engine once per JVM (an image
 * already in the engine with the same ID is reused). Tags start with {@code podarmor-test-ext/}.
 *
 * <pre>{@code ContainerImage image = ContainerImage.fromDaemon(RuntimeImages.shellless());}</pre>
 */
public final class RuntimeImages {
  /** The uid (and gid) of the non-root images. */
  public static final int NONROOT = 65532;
  /** The uid (and gid) of the busybox images. */
  public static final int BUILDER = 1000;
  /** What the unhealthy image's health probe prints. */
  public static final String UNHEALTHY_OUTPUT = "database unreachable";
  /** The command the writes-rootfs image's main process runs. */
  public static final String WRITES_ROOTFS_SCRIPT =
      "echo started > /var/run/app.pid && exec /bin/busybox sleep 2147483647";

  private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

  private RuntimeImages() {}

  /**
   * Distroless-like: only {@code /catatonit}, run as {@code -P} (pause) by uid 65532; no shell; a HEALTHCHECK that
   * passes ({@code /catatonit --version}).
   */
  public static String shellless() {
    return load("podarmor-test-ext/shellless:1", () -> TestImage.named("podarmor-test-ext/shellless:1")
        .user(NONROOT + ":" + NONROOT)
        .entrypoint("/catatonit", "-P")
        .healthcheck("CMD", "/catatonit", "--version")
        .layer(catatonitLayer()));
  }

  /** Like {@link #shellless()} but without USER (root) and without HEALTHCHECK. */
  public static String root() {
    return load("podarmor-test-ext/root:1", () -> TestImage.named("podarmor-test-ext/root:1")
        .entrypoint("/catatonit", "-P")
        .layer(catatonitLayer()));
  }

  /**
   * A CLI image: its main process ({@code /catatonit --version}) prints a line and exits 0 at once (its HEALTHCHECK
   * would pass, if anything kept running).
   */
  public static String cli() {
    return load("podarmor-test-ext/cli:1", () -> TestImage.named("podarmor-test-ext/cli:1")
        .user(NONROOT + ":" + NONROOT)
        .entrypoint("/catatonit", "--version")
        .healthcheck("CMD", "/catatonit", "--version")
        .layer(catatonitLayer()));
  }

  /**
   * Like {@link #shellless()}, plus a busybox copy at {@code /opt/sh/ash}, off the PATH: only a shell finder that
   * reads the filesystem finds it.
   */
  public static String hiddenShell() {
    return load("podarmor-test-ext/hidden-shell:1", () -> TestImage.named("podarmor-test-ext/hidden-shell:1")
        .user(NONROOT + ":" + NONROOT)
        .entrypoint("/catatonit", "-P")
        .layer(catatonitLayer())
        .layer(Layer.create().dir("/opt", 0755).dir("/opt/sh", 0755).copy("/opt/sh/ash", Binaries.busybox(), 0755)));
  }

  /**
   * A build image: busybox at {@code /bin/busybox} with {@code /bin/sh} linked to it, uid 1000, sleeping; a
   * HEALTHCHECK that passes.
   */
  public static String build() {
    return load("podarmor-test-ext/build:1", () -> TestImage.named("podarmor-test-ext/build:1")
        .user(BUILDER + ":" + BUILDER)
        .entrypoint("/bin/busybox", "sleep", "2147483647")
        .healthcheck("CMD", "/bin/busybox", "true")
        .layer(busyboxLayer()));
  }

  /** Like {@link #build()}, but its HEALTHCHECK prints {@value #UNHEALTHY_OUTPUT} and exits 1. */
  public static String unhealthy() {
    return load("podarmor-test-ext/unhealthy:1", () -> TestImage.named("podarmor-test-ext/unhealthy:1")
        .user(BUILDER + ":" + BUILDER)
        .entrypoint("/bin/busybox", "sleep", "2147483647")
        .healthcheck("CMD", "/bin/busybox", "sh", "-c", "echo " + UNHEALTHY_OUTPUT + "; exit 1")
        .layer(busyboxLayer()));
  }

  /** Writes a pid file to {@code /var/run} at start, so it runs by default but exits 1 on a read-only rootfs. */
  public static String writesRootfs() {
    return load("podarmor-test-ext/writes-rootfs:1", () -> TestImage.named("podarmor-test-ext/writes-rootfs:1")
        .user(BUILDER + ":" + BUILDER)
        .entrypoint("/bin/busybox", "sh", "-c", WRITES_ROOTFS_SCRIPT)
        .layer(busyboxLayer())
        .layer(Layer.create().dir("/var", 0755).owner(BUILDER, BUILDER).dir("/var/run", 0755)));
  }

  private static Layer catatonitLayer() {
    return Layer.create()
        .dir("/etc", 0755)
        .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
            + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n", 0644)
        .dir("/tmp", 01777)
        .copy("/catatonit", Binaries.catatonit(), 0755);
  }

  private static Layer busyboxLayer() {
    return Layer.create()
        .dir("/bin", 0755)
        .copy("/bin/busybox", Binaries.busybox(), 0755)
        .symlink("/bin/sh", "busybox")
        .dir("/etc", 0755)
        .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nbuilder:x:1000:1000:builder:/home/builder:/bin/sh\n",
            0644)
        .file("/etc/shells", "/bin/sh\n", 0644)
        .dir("/tmp", 01777);
  }

  private static String load(String reference, Supplier<TestImage> image) {
    return LOADED.computeIfAbsent(reference, r -> {
      TestImage built = image.get();
      try {
        if (Docker.client().inspectImageCmd(reference).exec().getId().equals(built.id())) {
          return reference;
        }
      } catch (NotFoundException e) {
        // load it
      }
      return built.loadIntoDocker();
    });
  }
}
