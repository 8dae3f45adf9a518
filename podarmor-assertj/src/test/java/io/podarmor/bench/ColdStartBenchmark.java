package io.podarmor.bench;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DebianRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cold-start benchmark: the hardening guide's five questions (non-root, set-id files, shell, package manager,
 * healthcheck) on Debian bookworm minbase in the local engine, asked by PodArmor in a fresh JVM, beside the floor
 * (the JVM's own start plus {@code docker save} of the image) and beside the guide's own docker commands. They
 * alternate within each round, each taking every place in the order in turn, so that they meet the same machine
 * (none always follows the guide's containers, say); medians of the rounds, as ratios.
 *
 * <pre>
 * mvn -q -pl podarmor-assertj test-compile exec:java -Dexec.mainClass=io.podarmor.bench.ColdStartBenchmark
 * </pre>
 */
public final class ColdStartBenchmark {
  private static final int ROUNDS = 7;
  private static final double FLOOR_TARGET = 1.5;
  private static final double GUIDE_TARGET = 1.0;
  private static final double SECOND_RUN_TARGET_MS = 300;

  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--noop")) {
      return;
    }
    if (args.length > 0 && args[0].equals("--measure")) {
      measure(args[1]);
      return;
    }
    String image = args.length > 0 ? args[0] : DebianRootfs.minbaseImage();
    System.out.println("PodArmor cold-start benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "), image " + image);
    Path cache = Files.createTempDirectory("podarmor-coldstart-cache");
    List<String> noCache = List.of("-Dpodarmor.cache.dir=none");
    List<String> withCache = List.of("-Dpodarmor.cache.dir=" + cache);
    BenchProcess.java(withCache, ColdStartBenchmark.class, "--measure", image); // fills the disk cache
    BenchProcess.run(true, dockerSave(image)); // the engine's own caches

    List<Double> jvm = new ArrayList<>();
    List<Double> save = new ArrayList<>();
    List<Double> guide = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    List<Double> coldVerdict = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    List<Double> secondVerdict = new ArrayList<>();
    List<Measurement> measurements = List.of(
        () -> jvm.add(BenchProcess.java(List.of(), ColdStartBenchmark.class, "--noop").seconds()),
        () -> save.add(BenchProcess.run(true, dockerSave(image)).seconds()),
        () -> guide.add(guideCommands(image)),
        () -> {
          BenchProcess.Run c = BenchProcess.java(noCache, ColdStartBenchmark.class, "--measure", image);
          cold.add(c.seconds());
          coldVerdict.add(Double.parseDouble(c.values().get("first.ms")));
        },
        () -> {
          BenchProcess.Run s = BenchProcess.java(withCache, ColdStartBenchmark.class, "--measure", image);
          second.add(s.seconds());
          secondVerdict.add(Double.parseDouble(s.values().get("first.ms")));
        });
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < measurements.size(); i++) {
        measurements.get((round + i) % measurements.size()).run();
      }
    }
    double floor = BenchProcess.median(jvm) + BenchProcess.median(save);
    double podarmor = BenchProcess.median(cold);
    double theGuide = BenchProcess.median(guide);
    System.out.printf(Locale.ROOT, "floor    %.2f s: JVM start %.2f s + docker save %.2f s (medians of %d rounds)%n",
        floor, BenchProcess.median(jvm), BenchProcess.median(save), ROUNDS);
    System.out.printf(Locale.ROOT, "guide    %.2f s: docker run id -u, docker run find -perm, docker run --entrypoint "
        + "/bin/sh, docker image inspect%n", theGuide);
    System.out.printf(Locale.ROOT, "podarmor %.2f s whole process, first verdict after %.0f ms, no disk cache%n",
        podarmor, BenchProcess.median(coldVerdict));
    System.out.printf(Locale.ROOT, "second   %.2f s whole process, first verdict after %.0f ms, disk cache from an "
        + "earlier run%n", BenchProcess.median(second), BenchProcess.median(secondVerdict));
    double vsFloor = podarmor / floor;
    double vsGuide = podarmor / theGuide;
    System.out.printf(Locale.ROOT, "ratios   %.2fx the floor (target <= %.1fx), %.2fx the guide's commands (target <= "
        + "%.1fx); second run %.2fx the guide's commands%n", vsFloor, FLOOR_TARGET, vsGuide, GUIDE_TARGET,
        BenchProcess.median(second) / theGuide);
    List<String> missed = new ArrayList<>();
    if (vsFloor > FLOOR_TARGET) {
      missed.add(String.format(Locale.ROOT, "%.2fx the floor", vsFloor));
    }
    if (vsGuide > GUIDE_TARGET) {
      missed.add(String.format(Locale.ROOT, "%.2fx the guide's commands", vsGuide));
    }
    if (BenchProcess.median(secondVerdict) > SECOND_RUN_TARGET_MS) {
      missed.add(String.format(Locale.ROOT, "second run's first verdict %.0f ms", BenchProcess.median(secondVerdict)));
    }
    System.out.println(missed.isEmpty() ? "targets  all met" : "targets  MISSED: " + String.join(", ", missed));
  }

  /** One kind of measurement, taken once per round. */
  private interface Measurement {
    void run() throws Exception;
  }

  /** {@code docker save} to nowhere (the client refuses to write an archive to a device). */
  private static List<String> dockerSave(String image) {
    return List.of("sh", "-c", "docker save \"$1\" > /dev/null", "docker-save", image);
  }

  /** The guide's own commands, one after another, as a person would type them; their verdicts do not matter here. */
  private static double guideCommands(String image) throws Exception {
    double total = 0;
    total += BenchProcess.run(false, List.of("docker", "run", "--rm", "--network", "none", image, "id", "-u"))
        .seconds();
    total += BenchProcess.run(false, List.of("docker", "run", "--rm", "--network", "none", image, "find", "/", "-xdev",
        "(", "-perm", "-4000", "-o", "-perm", "-2000", ")", "-type", "f")).seconds();
    total += BenchProcess.run(false, List.of("docker", "run", "--rm", "--network", "none", "--entrypoint", "/bin/sh",
        image, "-c", "true")).seconds();
    total += BenchProcess.run(false, List.of("docker", "image", "inspect", image)).seconds();
    return total;
  }

  /** In the fresh JVM: the five questions through the public API; prints when the first verdict came. */
  private static void measure(String reference) {
    long start = System.nanoTime();
    ContainerImage image = ContainerImage.fromDaemon(reference);
    List<Runnable> questions = List.of(() -> assertThat(image).runsAsNonRoot(),
        () -> assertThat(image).hasNoSuidFiles(), () -> assertThat(image).hasNoShell(),
        () -> assertThat(image).hasNoPackageManager(), () -> assertThat(image).hasHealthcheck());
    long first = 0;
    for (Runnable question : questions) {
      try {
        question.run();
      } catch (AssertionError verdict) {
        // a failed property is a verdict too
      }
      if (first == 0) {
        first = System.nanoTime() - start;
      }
    }
    System.out.println("first.ms=" + first / 1e6);
    System.out.println("all.ms=" + (System.nanoTime() - start) / 1e6);
  }
}
