package io.podarmor.realimages;

import io.podarmor.testing.Binaries;
import io.podarmor.testing.DockerCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a container of a corpus image says about itself, with the hardening guide's own commands run in it: the user
 * it runs as ({@code id -u}, {@code id -g}), its setuid and setgid files ({@code find / -xdev \( -perm -4000 -o -perm
 * -2000 \) -type f}), its installed packages ({@code dpkg-query -W}, inside the container when it has dpkg, else on
 * the host against the image's own {@code /var/lib/dpkg}, {@code status.d} included), and which of its candidate
 * programs run a shell ({@code <path> -c 'echo …'}, or {@code <path> sh -c …} for a multi-call binary). The commands
 * run in a copy of the image with a static busybox added in a throwaway layer at {@value #TOOL_DIR}, the image's own
 * user and config otherwise unchanged.
 *
 * @param uid      the uid the main process runs as, or {@code -1} when the engine refuses to start it
 * @param gid      its gid, or {@code -1}
 * @param refusal  why the engine refused to start it, or {@code ""}
 * @param setId    the paths of setuid and setgid regular files
 * @param packages {@code name version architecture} of every installed package
 * @param shells   the candidate paths that ran a shell
 */
record ContainerTruth(long uid, long gid, String refusal, Set<String> setId, Set<String> packages,
    Set<String> shells) {
  static final String TOOL_DIR = "/.podarmor-truth";
  static final String BUSYBOX = TOOL_DIR + "/busybox";
  /** The shell and multi-call names whose files are tried as shells, beside {@code /etc/shells}. */
  static final List<String> SHELL_NAMES = List.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "csh", "tcsh",
      "fish", "rbash", "busybox", "toybox");
  private static final String OK = "podarmor-shell-ok";
  private static final Map<String, ContainerTruth> KNOWN = new ConcurrentHashMap<>();

  /** The truth of a corpus image, asked once per run; {@code extraCandidates} are tried as shells too. */
  static ContainerTruth of(RealImage image, List<String> extraCandidates) {
    return KNOWN.computeIfAbsent(image.name(), n -> ask(image, extraCandidates));
  }

  private static ContainerTruth ask(RealImage image, List<String> extraCandidates) {
    String truth = truthCopy(image);
    long uid = -1;
    long gid = -1;
    String refusal = "";
    try {
      uid = Long.parseLong(run(truth, List.of(), BUSYBOX, "id", "-u").strip());
      gid = Long.parseLong(run(truth, List.of(), BUSYBOX, "id", "-g").strip());
    } catch (IllegalStateException e) {
      refusal = e.getMessage();
    }
    Set<String> setId = lines(run(truth, List.of("--user", "0"), BUSYBOX, "find", "/", "-xdev", "(", "-perm", "-4000",
        "-o", "-perm", "-2000", ")", "-type", "f"));
    setId.removeIf(p -> p.startsWith(TOOL_DIR + "/"));
    return new ContainerTruth(uid, gid, refusal, setId, packages(image, truth), shells(truth, extraCandidates));
  }

  /** The image with a static busybox added, built again only when the image changed. */
  private static String truthCopy(RealImage image) {
    String ref = "podarmor-corpus-truth/" + image.name() + ":1";
    String id = DockerCli.run("image", "inspect", "--format", "{{.Id}}", image.reference()).strip();
    String have;
    try {
      have = DockerCli.run("image", "inspect", "--format", "{{ index .Config.Labels \"io.podarmor.test.truth-of\" }}",
          ref).strip();
    } catch (IllegalStateException notThere) {
      have = "";
    }
    if (!have.equals(id)) {
      Path dir = null;
      try {
        dir = Files.createTempDirectory("podarmor-truth-");
        Files.copy(Binaries.busybox(), dir.resolve("busybox"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + image.reference() + "\nCOPY busybox " + BUSYBOX + "\n");
        DockerCli.run(dir, "build", "--network", "none", "--label", "io.podarmor.test.truth-of=" + id, "-t", ref, ".");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (dir != null) {
          DockerCli.exec(List.of("rm", "-rf", dir.toString()), null, Map.of());
        }
      }
    }
    return ref;
  }

  private static Set<String> packages(RealImage image, String truth) {
    String format = "${db:Status-Abbrev}|${Package} ${Version} ${Architecture}\\n";
    String listing;
    if (!run(truth, List.of("--user", "0"), BUSYBOX, "sh", "-c", "test -x /usr/bin/dpkg-query && echo yes || true")
        .isBlank()) {
      listing = run(truth, List.of("--user", "0"), "/usr/bin/dpkg-query", "-W", "-f", format);
    } else {
      listing = hostDpkgQuery(truth, format);
    }
    return lines(listing).stream().filter(l -> l.startsWith("ii")).map(l -> l.substring(l.indexOf('|') + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Debian's own dpkg-query on the host, reading the image's {@code /var/lib/dpkg} ({@code status.d} joined). */
  private static String hostDpkgQuery(String truth, String format) {
    String container = DockerCli.run("create", "--entrypoint", BUSYBOX, truth, "true").strip();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("podarmor-dpkg-");
      try {
        DockerCli.run("cp", container + ":/var/lib/dpkg", dir.toString());
      } catch (IllegalStateException noDatabase) {
        return "";
      }
      Path admin = dir.resolve("dpkg");
      Path statusD = admin.resolve("status.d");
      if (Files.isDirectory(statusD)) {
        StringBuilder status = new StringBuilder();
        try (var files = Files.list(statusD)) {
          for (Path f : files.sorted().toList()) {
            status.append(Files.readString(f).strip()).append("\n\n");
          }
        }
        Files.writeString(admin.resolve("status"), status.toString());
      }
      Files.createDirectories(admin.resolve("updates"));
      Files.createDirectories(admin.resolve("info"));
      return DockerCli.exec(List.of("dpkg-query", "--admindir=" + admin, "-W", "-f", format), null, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      DockerCli.run("rm", container);
      if (dir != null) {
        DockerCli.exec(List.of("rm", "-rf", dir.toString()), null, Map.of());
      }
    }
  }

  private static Set<String> shells(String truth, List<String> extraCandidates) {
    StringBuilder names = new StringBuilder();
    for (String name : SHELL_NAMES) {
      names.append(names.length() == 0 ? "" : " -o ").append("-name ").append(name);
    }
    String script = String.join("\n",
        "B=" + BUSYBOX,
        "{ $B find / -xdev \\( " + names + " \\) \\( -type f -o -type l \\); $B cat /etc/shells 2>/dev/null;",
        "  for c in " + String.join(" ", extraCandidates) + "; do echo $c; done; } | $B grep '^/' | $B sort -u |",
        "while read c; do",
        "  case $c in " + TOOL_DIR + "/*) continue;; esac",
        "  [ -x \"$c\" ] && [ ! -d \"$c\" ] || continue",
        "  if [ \"$($B timeout 5 \"$c\" -c 'echo " + OK + "' </dev/null 2>/dev/null)\" = " + OK + " ] ||",
        "     [ \"$($B timeout 5 \"$c\" sh -c 'echo " + OK + "' </dev/null 2>/dev/null)\" = " + OK + " ]; then",
        "    echo \"$c\"",
        "  fi",
        "done");
    return lines(run(truth, List.of("--user", "0"), BUSYBOX, "sh", "-c", script));
  }

  private static String run(String image, List<String> options, String entrypoint, String... args) {
    List<String> command = new ArrayList<>(List.of("run", "--rm", "--network", "none"));
    command.addAll(options);
    command.addAll(List.of("--entrypoint", entrypoint, image));
    command.addAll(Arrays.asList(args));
    return DockerCli.run(command.toArray(String[]::new));
  }

  private static Set<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
  }
}
