package io.podarmor.realimages;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.DebianRootfs;
import io.podarmor.testing.DockerCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The real-image corpus: images built every way users build them, nothing pulled — the debootstrap rootfs imported
 * with {@code docker import}, the legacy builder, BuildKit, {@code buildah bud}, {@code buildah from scratch} +
 * {@code commit}, {@code podman build}, Jib, a distroless-like image assembled from Debian packages, and the hardening
 * guide's deploy and build images. Each lands in the engine as {@code podarmor-corpus/<name>:1}, labelled with the
 * sha256 of its recipe, and is built again only when its recipe changes.
 */
final class RealImages {
  static final String PREFIX = "podarmor-corpus/";
  static final String RECIPE_LABEL = "io.podarmor.test.corpus-recipe";
  static final String BASE = DebianRootfs.MINBASE;

  /** An unhardened application image on the imported Debian base, built by each builder. */
  static final String APP_DOCKERFILE = String.join("\n",
      "FROM " + BASE,
      "RUN useradd --uid 1000 --create-home app",
      "COPY app.sh /usr/local/bin/app",
      "ADD notes.txt /opt/notes.txt",
      "USER app",
      "CMD [\"/usr/local/bin/app\"]", "");

  /**
   * The hardening guide's deploy image: set-id bits stripped, unused packages purged, package managers and shells
   * removed, a numeric non-root user and a HEALTHCHECK.
   */
  static final String DEPLOY_DOCKERFILE = String.join("\n",
      "FROM " + BASE,
      "RUN set -eu; \\",
      "    find / -xdev -type f \\( -perm -4000 -o -perm -2000 \\) -exec chmod a-s {} +; \\",
      "    dpkg --purge --force-all apt libapt-pkg6.0 gpgv debian-archive-keyring e2fsprogs logsave login; \\",
      "    rm -f /usr/bin/apt* /usr/bin/dpkg* /usr/sbin/dpkg*; \\",
      "    rm -f /usr/bin/bash /usr/bin/rbash /usr/bin/dash /usr/bin/sh",
      "USER 65532:65532",
      "HEALTHCHECK --interval=5s --timeout=3s --retries=3 CMD [\"/usr/bin/test\", \"-r\", \"/etc/os-release\"]",
      "CMD [\"/usr/bin/sleep\", \"infinity\"]", "");

  /** The guide's build image: as the deploy image, but keeping {@code /bin/sh}, with a {@code podarmor} user. */
  static final String BUILD_DOCKERFILE = String.join("\n",
      "FROM " + BASE,
      "RUN set -eu; \\",
      "    find / -xdev -type f \\( -perm -4000 -o -perm -2000 \\) -exec chmod a-s {} +; \\",
      "    groupadd --gid 65532 podarmor; useradd --uid 65532 --gid 65532 --create-home podarmor; \\",
      "    rm -f /usr/bin/apt* /usr/bin/dpkg* /usr/sbin/dpkg*",
      "USER podarmor",
      "HEALTHCHECK --interval=5s --timeout=3s --retries=3 CMD [\"/bin/sh\", \"-c\", \"test -r /etc/os-release\"]",
      "CMD [\"/bin/sh\"]", "");

  /** The Debian packages the distroless-like image is assembled from, as distroless' base does. */
  static final List<String> DISTROLESS_PACKAGES = List.of("base-files", "gcc-12-base", "libc6", "libgcc-s1",
      "tzdata");

  private static final Map<String, String> BUILT = new ConcurrentHashMap<>();

  private RealImages() {}

  /** Every corpus image, built (or found built) in the engine. */
  static List<RealImage> all() {
    List<RealImage> images = new ArrayList<>();
    images.add(debianImport());
    images.add(docker("legacy", "docker build (legacy builder)", false));
    images.add(docker("buildkit", "docker build (BuildKit)", true));
    images.add(buildahBud());
    images.add(buildahScratch());
    images.add(podman());
    images.add(jib());
    images.add(distroless());
    images.add(guide("guide-deploy", DEPLOY_DOCKERFILE));
    images.add(guide("guide-build", BUILD_DOCKERFILE));
    return images;
  }

  static RealImage debianImport() {
    String ref = reference("debian-import");
    build(ref, "tag of " + BASE + " " + DebianRootfs.minbaseImage(), () -> DockerCli.run("tag", BASE, ref));
    return new RealImage("debian-import", "debootstrap --variant=minbase + docker import", ref);
  }

  static RealImage docker(String name, String builder, boolean buildkit) {
    String ref = reference(name);
    build(ref, APP_DOCKERFILE + buildkit + base(), () -> withContext(APP_DOCKERFILE, appFiles(), dir ->
        DockerCli.exec(List.of("/usr/bin/docker", "build", "--network", "none", "--label", label(ref), "-t", ref,
            "."), dir, Map.of("DOCKER_BUILDKIT", buildkit ? "1" : "0"))));
    return new RealImage(name, builder, ref);
  }

  static RealImage buildahBud() {
    String ref = reference("buildah-bud");
    String dockerfile = APP_DOCKERFILE.replace("FROM " + BASE, "FROM docker-daemon:" + BASE);
    build(ref, dockerfile + base(), () -> withContext(dockerfile, appFiles(), dir -> {
      DockerCli.exec(List.of("buildah", "bud", "--isolation", "chroot", "--label", label(ref), "-t", ref, "."), dir,
          Map.of());
      pushToEngine("buildah", ref);
    }));
    return new RealImage("buildah-bud", "buildah bud", ref);
  }

  static RealImage buildahScratch() {
    String ref = reference("buildah-scratch");
    build(ref, "buildah from scratch, busybox, passwd, user 65532", () -> withContext("", Map.of(
        "passwd", "root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"),
        dir -> {
          String ctr = DockerCli.exec(List.of("buildah", "from", "scratch"), dir, Map.of()).strip();
          try {
            buildah(dir, "copy", "--chmod", "0755", ctr, Binaries.busybox().toString(), "/bin/busybox");
            buildah(dir, "copy", "--chmod", "0644", ctr, "passwd", "/etc/passwd");
            buildah(dir, "config", "--user", "65532:65532", "--entrypoint", "[\"/bin/busybox\", \"sleep\", \"3600\"]",
                "--label", label(ref), ctr);
            buildah(dir, "commit", ctr, ref);
          } finally {
            buildah(dir, "rm", ctr);
          }
          pushToEngine("buildah", ref);
        }));
    return new RealImage("buildah-scratch", "buildah from scratch + copy + commit", ref);
  }

  static RealImage podman() {
    String ref = reference("podman");
    String dockerfile = APP_DOCKERFILE.replace("FROM " + BASE, "FROM docker-daemon:" + BASE);
    build(ref, dockerfile + base(), () -> withContext(dockerfile, appFiles(), dir -> {
      DockerCli.exec(List.of("podman", "build", "--isolation", "chroot", "--label", label(ref), "-t", ref, "."), dir,
          Map.of());
      pushToEngine("podman", ref);
    }));
    return new RealImage("podman", "podman build", ref);
  }

  static RealImage jib() {
    String ref = reference("jib");
    build(ref, "jib-core, from scratch, classes + libs + passwd, user 65532, OCI format", () -> withContext("", Map.of(
        "Main.class", "\u00ca\u00fe\u00ba\u00be class bytes of the application",
        "app.jar", "PK a library jar",
        "passwd", "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"),
        dir -> {
          Path tar = dir.resolve("jib.tar");
          try {
            Jib.fromScratch()
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("libs")
                    .addEntry(dir.resolve("app.jar"), AbsoluteUnixPath.get("/app/libs/app.jar")).build())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("classes")
                    .addEntry(dir.resolve("Main.class"), AbsoluteUnixPath.get("/app/classes/Main.class")).build())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("passwd")
                    .addEntry(dir.resolve("passwd"), AbsoluteUnixPath.get("/etc/passwd")).build())
                .setUser("65532")
                .setEntrypoint("java", "-cp", "/app/classes:/app/libs/*", "Main")
                .setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.parse("2026-11-01T00:00:00Z"))
                .addLabel(RECIPE_LABEL, RECIPES.get(ref))
                .containerize(Containerizer.to(TarImage.at(tar).named(ref)));
          } catch (Exception e) {
            throw new IllegalStateException("Jib could not build " + ref + ": " + e, e);
          }
          // an OCI-format tar is an OCI image layout in a tar, which the engine cannot load: skopeo hands it over
          Path layout = dir.resolve("layout");
          DockerCli.exec(List.of("mkdir", "-p", layout.toString()), null, Map.of());
          DockerCli.exec(List.of("tar", "-xf", tar.toString(), "-C", layout.toString()), null, Map.of());
          DockerCli.exec(List.of("skopeo", "copy", "-q", "oci:" + layout, "docker-daemon:" + ref), null, Map.of());
        }));
    return new RealImage("jib", "Jib (jib-core, OCI format tar, handed to the engine with skopeo)", ref);
  }

  static RealImage distroless() {
    String ref = reference("distroless");
    String dockerfile = String.join("\n", "FROM scratch", "COPY rootfs/ /", "USER 65532:65532", "");
    build(ref, dockerfile + DISTROLESS_PACKAGES + base(), () -> withContext(dockerfile, Map.of(), dir -> {
      assembleDistroless(dir.resolve("rootfs"));
      DockerCli.run(dir, "build", "--network", "none", "--label", label(ref), "-t", ref, ".");
    }));
    return new RealImage("distroless", "docker build FROM scratch of Debian packages with dpkg status.d", ref);
  }

  static RealImage guide(String name, String dockerfile) {
    String ref = reference(name);
    build(ref, dockerfile + base(), () -> withContext(dockerfile, Map.of(), dir ->
        DockerCli.run(dir, "build", "--network", "none", "--label", label(ref), "-t", ref, ".")));
    return new RealImage(name, "docker build, the hardening guide's recipe", ref);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String reference(String name) {
    return PREFIX + name + ":1";
  }

  private static String base() {
    return DebianRootfs.minbaseImage() + DockerCli.run("image", "inspect", "--format", "{{.Id}}", BASE).strip();
  }

  private static Map<String, String> appFiles() {
    return Map.of("app.sh", "#!/bin/sh\necho app\n", "notes.txt", "release notes\n");
  }

  private static final Map<String, String> RECIPES = new ConcurrentHashMap<>();

  private static String label(String ref) {
    return RECIPE_LABEL + "=" + RECIPES.get(ref);
  }

  /** Builds {@code ref} unless the engine has it with this recipe's label. */
  private static void build(String ref, String recipe, Runnable build) {
    BUILT.computeIfAbsent(ref, r -> {
      String hash = sha256(recipe);
      RECIPES.put(ref, hash);
      String have;
      try {
        have = DockerCli.run("image", "inspect", "--format", "{{ index .Config.Labels \"" + RECIPE_LABEL + "\" }}",
            ref).strip();
      } catch (IllegalStateException notThere) {
        have = "";
      }
      if (!have.equals(hash) || ref.endsWith("/debian-import:1")) {
        build.run();
      }
      return hash;
    });
  }

  private static void buildah(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("buildah"));
    command.addAll(List.of(args));
    DockerCli.exec(command, dir, Map.of());
  }

  /** Hands an image from buildah's or podman's storage to the engine. */
  private static void pushToEngine(String tool, String ref) {
    DockerCli.exec(List.of(tool, "push", ref, "docker-daemon:" + ref), null, Map.of());
    DockerCli.exec(List.of(tool, "rmi", ref), null, Map.of());
  }

  private static void withContext(String dockerfile, Map<String, String> files, Consumer<Path> build) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("podarmor-corpus-");
      if (!dockerfile.isEmpty()) {
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.write(file, f.getValue().getBytes(StandardCharsets.ISO_8859_1));
        if (f.getKey().endsWith(".sh")) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.EXECUTABLE);
        }
      }
      build.accept(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        DockerCli.exec(List.of("rm", "-rf", dir.toString()), null, Map.of());
      }
    }
  }

  /**
   * The files of {@link #DISTROLESS_PACKAGES} from the Debian rootfs (as their {@code .list} files name them), the
   * merged-usr links, a passwd and group with {@code nonroot}, and one {@code /var/lib/dpkg/status.d/<package>}
   * entry each, as distroless ships them.
   */
  private static void assembleDistroless(Path rootfs) {
    try {
      Map<String, String> status = new LinkedHashMap<>();
      Set<String> wanted = new java.util.HashSet<>();
      Map<String, byte[]> lists = new LinkedHashMap<>();
      try (TarArchiveInputStream tar = tarball()) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          String name = e.getName().replaceFirst("^\\./", "/");
          if (name.equals("/var/lib/dpkg/status")) {
            for (String paragraph : new String(tar.readAllBytes(), StandardCharsets.UTF_8).split("\n\n")) {
              String pkg = paragraph.lines().filter(l -> l.startsWith("Package: ")).map(l -> l.substring(9))
                  .findFirst().orElse("");
              if (DISTROLESS_PACKAGES.contains(pkg)) {
                status.put(pkg, paragraph.strip() + "\n");
              }
            }
          } else if (name.startsWith("/var/lib/dpkg/info/") && name.endsWith(".list")) {
            String pkg = name.substring("/var/lib/dpkg/info/".length(), name.length() - ".list".length())
                .replaceFirst(":.*", "");
            if (DISTROLESS_PACKAGES.contains(pkg)) {
              lists.put(pkg, tar.readAllBytes());
            }
          }
        }
      }
      for (byte[] list : lists.values()) {
        new String(list, StandardCharsets.UTF_8).lines().filter(l -> !l.equals("/.")).forEach(wanted::add);
      }
      wanted.addAll(List.of("/bin", "/lib", "/lib64", "/sbin"));
      try (TarArchiveInputStream tar = tarball()) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          String name = e.getName().replaceFirst("^\\./", "/").replaceFirst("/$", "");
          if (!wanted.contains(name)) {
            continue;
          }
          Path target = rootfs.resolve(name.substring(1));
          Files.createDirectories(target.getParent());
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else if (e.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
          } else if (e.isFile()) {
            Files.copy(tar, target);
            Files.setPosixFilePermissions(target, PosixFilePermissions.of(e.getMode() & 0777));
          }
        }
      }
      Path statusD = Files.createDirectories(rootfs.resolve("var/lib/dpkg/status.d"));
      for (Map.Entry<String, String> p : status.entrySet()) {
        Files.writeString(statusD.resolve(p.getKey()), p.getValue());
      }
      Path etc = Files.createDirectories(rootfs.resolve("etc"));
      Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
          + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");
      Files.writeString(etc.resolve("group"), "root:x:0:\nnonroot:x:65532:\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot assemble the distroless-like image", e);
    }
  }

  private static TarArchiveInputStream tarball() throws IOException {
    InputStream in = Files.newInputStream(DebianRootfs.rootfsTarball());
    return new TarArchiveInputStream(new GZIPInputStream(in, 65536));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
          StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** POSIX modes as permission sets. */
  static final class PosixFilePermissions {
    static final Set<PosixFilePermission> EXECUTABLE = of(0755);

    private PosixFilePermissions() {}

    static Set<PosixFilePermission> of(int mode) {
      Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_READ};
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (1 << i)) != 0) {
          out.add(bits[i]);
        }
      }
      return out;
    }
  }
}
