package io.podarmor.adversary;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.RawImage;
import io.podarmor.testing.RawTar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own truth for every corpus image it can run: each archive case is loaded into the engine with a static
 * busybox of the oracle's own added in a throwaway layer ({@code /.podarmor-oracle/busybox}, nothing else), started
 * with that busybox sleeping as its entrypoint (the image's {@code User} untouched), and asked:
 *
 * <ul>
 *   <li>which uid and gid its main process runs as ({@code docker top}): PodArmor's static answer on the same image
 *       must be the same, or cannot decide; never non-root where the engine runs root;
 *   <li>which of its executables runs a shell ({@code docker exec <path> -c} and {@code <path> sh -c}): where one
 *       does, {@code hasNoShell()} must fail;
 *   <li>which regular files have the setuid or setgid bit ({@code find -xdev}): the same set as PodArmor's;
 *   <li>whether it probes the image's HEALTHCHECK: where {@code hasHealthcheck()} passes, the container runs with a
 *       100 ms health interval and a probe must leave an entry in its health log, and the engine must have run its
 *       program (whatever the outcome); where PodArmor says the probe cannot run it (the program is not found as
 *       runc finds it, a script's interpreter is missing, the file is no ELF binary for the image's architecture,
 *       or the image's user may not run it), the engine's first probe must have failed to exec it (exit code -1 from
 *       runc's lookup or its access check, or 1 with exec's "no such file or directory", "exec format error",
 *       "permission denied" or, for scripts nested too deep, "too many levels of symbolic links").
 * </ul>
 *
 * Where the engine refuses to load or start the image, PodArmor must not pass {@code runsAsNonRoot()}.
 */
class EngineOracleTest {
  private static final String BB = "/.podarmor-oracle/busybox";
  private static final String LABEL = "podarmor-oracle";
  private static final String NEVER_STARTS = "the engine's probe cannot run it";

  @TempDir
  static Path tmp;

  /** How each case ended: compared with a running container, or refused by PodArmor or the engine. */
  private static final java.util.Map<String, Integer> OUTCOMES = new java.util.TreeMap<>();

  @TestFactory
  Stream<DynamicTest> every_runnable_corpus_image_agrees_with_the_engine() {
    List<Corpus.Case> cases = AdversarialCorpus.cases().stream()
        .filter(c -> c.open() instanceof Corpus.Archive).collect(Collectors.toList());
    assertThat(cases).as("archive cases").hasSizeGreaterThan(60);
    int[] n = {0};
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> agrees(c, n[0]++)));
  }

  private static void agrees(Corpus.Case c, int n) {
    Corpus.Archive input = (Corpus.Archive) c.open();
    Path dir = dir(n);
    ContainerImage image;
    try {
      image = input.apply(dir);
      image.filesystem();
    } catch (ImageException refused) {
      count("refused by PodArmor"); // nothing to compare (the corpus pins why)
      return;
    }
    String tag = "podarmor-oracle/case-" + n + ":1";
    byte[][] layers = Arrays.copyOf(input.layers, input.layers.length + 1);
    layers[layers.length - 1] = RawTar.create().dir(".podarmor-oracle", 0755).copy(BB.substring(1), Binaries.busybox(),
        0755).end();
    String loaded = RawImage.of(input.config, layers).load(dir, tag);
    if (loaded.startsWith("REFUSED")) {
      count("read by PodArmor, refused by docker load");
      System.out.println("engine oracle: docker load refuses " + c + ": " + firstLine(loaded));
      assertNotNonRoot(image, c + ": the engine refuses to load it (" + firstLine(loaded) + ")");
      return;
    }
    String container;
    try {
      // probed every 100 ms only where PodArmor passes it (a test of CMD alone makes dockerd 20.10 panic when probed)
      List<String> run = new ArrayList<>(List.of("run", "-d", "--network", "none", "--label", LABEL));
      String health = verdict(() -> assertThat(image).hasHealthcheck());
      if (health == null || health.contains(NEVER_STARTS)) {
        run.addAll(List.of("--health-interval", "100ms"));
      }
      run.addAll(List.of("--entrypoint", BB, tag, "sleep", "300"));
      container = DockerCli.run(run.toArray(new String[0])).trim();
    } catch (IllegalStateException refused) {
      count("loaded, refused to start by the engine");
      assertNotNonRoot(image, c + ": the engine refuses to start it (" + lastLine(refused.getMessage()) + ")");
      DockerCli.run("rmi", "-f", tag);
      return;
    }
    count("run and compared");
    try {
      sameUser(c, image, container);
      sameShells(c, image, container);
      sameSetIdFiles(c, image, container);
      sameHealthcheck(c, image, container);
    } finally {
      DockerCli.run("rm", "-f", container);
      DockerCli.run("rmi", "-f", tag);
    }
  }

  private static void sameUser(Corpus.Case c, ContainerImage image, String container) {
    String[] top = DockerCli.run("top", container, "-o", "pid,uid,gid").trim().split("\\R");
    String[] ids = top[top.length - 1].trim().split("\\s+");
    long uid = Long.parseLong(ids[1]);
    long gid = Long.parseLong(ids[2]);
    String verdict = verdict(() -> assertThat(image).runsAsUid((int) uid).runsAsGid((int) gid));
    assertThat(verdict == null || verdict.contains("but could not decide")).as("%s: the engine runs it as %d:%d, "
        + "PodArmor says: %s", c, uid, gid, verdict).isTrue();
    if (uid == 0) {
      assertNotNonRoot(image, c + ": the engine runs it as root");
    }
  }

  private static void sameShells(Corpus.Case c, ContainerImage image, String container) {
    List<String> shells = new ArrayList<>();
    for (String path : exec(container, BB, "find", "/", "-xdev", "-type", "f", "-perm", "/111")) {
      if (path.startsWith("/.podarmor-oracle/") || path.isEmpty()) {
        continue;
      }
      if (runsShell(container, path)) {
        shells.add(path);
      }
    }
    if (!shells.isEmpty()) {
      String verdict = verdict(() -> assertThat(image).hasNoShell());
      assertThat(verdict).as("%s: the engine runs a shell from %s, so hasNoShell() must fail", c, shells)
          .isNotNull().doesNotContain("but could not decide");
    }
  }

  private static void sameSetIdFiles(Corpus.Case c, ContainerImage image, String container) {
    Set<String> engine = new TreeSet<>(exec(container, BB, "find", "/", "-xdev", "(", "-perm", "-4000", "-o",
        "-perm", "-2000", ")", "-type", "f"));
    engine.removeIf(p -> p.isEmpty() || p.startsWith("/.podarmor-oracle/"));
    Set<String> ours = image.filesystem().entries().stream()
        .filter(e -> e.isRegularFile() && (e.isSetuid() || e.isSetgid())).map(e -> e.path())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(ours).as("%s: setuid and setgid files, PodArmor vs the engine", c).isEqualTo(engine);
  }

  private static void sameHealthcheck(Corpus.Case c, ContainerImage image, String container) {
    String verdict = verdict(() -> assertThat(image).hasHealthcheck());
    if (verdict != null && !verdict.contains(NEVER_STARTS)) {
      return; // PodArmor fails it for another reason or cannot decide: whatever the engine does, no false pass
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    String probes;
    do {
      probes = DockerCli.run("inspect", "-f", "{{if .State.Health}}{{len .State.Health.Log}}{{else}}0{{end}}",
          container).trim();
    } while (probes.equals("0") && System.nanoTime() < deadline && pause());
    assertThat(probes).as("%s: the image has a HEALTHCHECK the engine probes (health log entries)", c)
        .isNotEqualTo("0");
    String first = DockerCli.run("inspect", "-f", "{{(index .State.Health.Log 0).ExitCode}} "
        + "{{(index .State.Health.Log 0).Output}}", container).trim();
    boolean notRun = first.startsWith("-1 ") && first.contains("exec failed")
        || first.matches("(?s)1 exec .*: (no such file or directory|exec format error|permission denied|too many "
            + "levels of symbolic links)\\s*");
    if (verdict == null) {
      assertThat(notRun).as("%s: hasHealthcheck() passes, so the engine must run the probe's program: %s", c, first)
          .isFalse();
    } else {
      assertThat(notRun).as("%s: PodArmor says the probe cannot run its program (%s), the engine: %s", c, verdict,
          first).isTrue();
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** True when the file runs a shell: as a shell ({@code -c}) or as a multi-call binary ({@code sh -c}). */
  private static boolean runsShell(String container, String path) {
    for (List<String> args : List.of(List.of(path, "-c", "echo podarmor-shell"),
        List.of(path, "sh", "-c", "echo podarmor-shell"))) {
      try {
        List<String> command = new ArrayList<>(List.of("exec", "-u", "0", container));
        command.addAll(args);
        if (DockerCli.run(command.toArray(new String[0])).contains("podarmor-shell")) {
          return true;
        }
      } catch (IllegalStateException notAShell) {
        // exits non-zero or cannot be executed
      }
    }
    return false;
  }

  private static List<String> exec(String container, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", "-u", "0", container));
    args.addAll(List.of(command));
    try {
      return List.of(DockerCli.run(args.toArray(new String[0])).split("\\R"));
    } catch (IllegalStateException partly) {
      // find exits 1 when it could not read something; what it printed is in the message
      return List.of();
    }
  }

  private static void assertNotNonRoot(ContainerImage image, String why) {
    String verdict = verdict(() -> assertThat(image).runsAsNonRoot());
    assertThat(verdict).as("%s, so runsAsNonRoot() must not pass", why).isNotNull();
  }

  /** The assertion's failure message, or {@code null} when it passes. */
  private static String verdict(Runnable assertion) {
    try {
      assertion.run();
      return null;
    } catch (AssertionError e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static synchronized void count(String outcome) {
    OUTCOMES.merge(outcome, 1, Integer::sum);
  }

  @AfterAll
  static void comparedEnough() {
    System.out.println("engine oracle: " + OUTCOMES);
    assertThat(OUTCOMES.getOrDefault("run and compared", 0)).as("cases run and compared: %s", OUTCOMES)
        .isGreaterThanOrEqualTo(40);
  }

  @AfterAll
  static void removeContainers() {
    String ids = DockerCli.run("ps", "-aq", "--filter", "label=" + LABEL).trim();
    if (!ids.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("rm", "-f"));
      args.addAll(List.of(ids.split("\\s+")));
      DockerCli.run(args.toArray(new String[0]));
    }
  }

  private static String firstLine(String s) {
    return s.strip().split("\\R")[0];
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\\R");
    return lines[lines.length - 1];
  }

  private static Path dir(int n) {
    try {
      return Files.createDirectories(tmp.resolve("oracle-" + n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
