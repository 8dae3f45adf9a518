package io.podarmor.junit.bench;

import io.podarmor.bench.BenchProcess;
import io.podarmor.testing.DebianRootfs;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The fleet benchmark: {@value #IMAGES} images in the local registry ({@value #REPOSITORY}), all on one base (the
 * Debian bookworm minbase rootfs, ~117 MB) with an app layer of their own, checked in one JVM with {@code -Xmx512m} by
 * a {@link io.podarmor.junit.PodArmorFleet} class asking the hardening guide's five questions, JUnit's parallel
 * execution on. It prints the wall time, the peak heap, the layers read, and, beside them, the guide's own docker
 * commands timed on {@value #GUIDE_SAMPLE} of the images (pulled from the local registry once) and extrapolated to
 * all; then a second run with the disk cache an earlier run left.
 *
 * <pre>
 * mvn -q -pl podarmor-junit -am package -DskipTests -Pfleet-benchmark
 * </pre>
 */
public final class FleetBenchmark {
  static final int IMAGES = 200;
  static final int GUIDE_SAMPLE = 10;
  static final String REPOSITORY = "podarmor-fleet/app";
  private static final String GUIDE_TAG = "podarmor-fleet-guide/app";
  private static final String HEAP = "-Xmx512m";

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--measure")) {
      measure(Path.of(args[1]));
      return;
    }
    System.out.println("PodArmor fleet benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
    TestRegistry registry = TestRegistry.local();
    if (!registry.answers()) {
      throw new IllegalStateException("No registry answers at " + TestRegistry.LOCAL + ": start one (.ci/run does)");
    }
    long t0 = System.nanoTime();
    Fleet pushed = push(registry);
    List<String> fleet = pushed.references();
    System.out.printf(Locale.ROOT, "fleet    %d images in %s/%s, one base (%d MB, %d MB gzip) + an app layer each "
        + "(ready in %.1f s)%n", fleet.size(), TestRegistry.LOCAL, REPOSITORY, pushed.baseBytes() >> 20,
        pushed.baseGzipBytes() >> 20, (System.nanoTime() - t0) / 1e9);
    Path work = Files.createTempDirectory("podarmor-fleet-bench");
    Path list = Files.write(work.resolve("images.txt"), fleet);

    double guide = 0;
    for (int i = 0; i < GUIDE_SAMPLE; i++) {
      guide += guideCommands(guideImage(fleet.get(i), i));
    }
    double guidePerImage = guide / GUIDE_SAMPLE;
    System.out.printf(Locale.ROOT, "guide    %.2f s an image (docker run id -u, docker run find -perm, docker run "
        + "--entrypoint /bin/sh, docker image inspect; %d images), %.0f s for %d extrapolated%n", guidePerImage,
        GUIDE_SAMPLE, guidePerImage * fleet.size(), fleet.size());

    Map<String, String> cold = child(list, work.resolve("report-cold"), "none");
    report("podarmor", cold, fleet.size(), guidePerImage, "no disk cache");
    Path cache = work.resolve("cache");
    child(list, work.resolve("report-fill"), cache.toString());
    Map<String, String> second = child(list, work.resolve("report-second"), cache.toString());
    report("second", second, fleet.size(), guidePerImage, "disk cache from an earlier run");
    System.out.println("reports  " + work.resolve("report-cold"));
  }

  private static void report(String label, Map<String, String> m, int images, double guidePerImage, String how) {
    double wall = Double.parseDouble(m.get("wall.s"));
    System.out.printf(Locale.ROOT, "%-8s %.1f s for %d images (%.0f ms an image), %s; process %.1f s; %s tests on %s "
        + "threads, %s failed (the Debian base has set-id files, a shell and a package manager: verdicts, not errors)%n",
        label, wall, images, wall * 1000 / images, how, Double.parseDouble(m.get("process.s")), m.get("tests"),
        m.get("threads"), m.get("failed"));
    System.out.printf(Locale.ROOT, "         %s -Xmx512m: peak heap used %d MB, largest live set after a GC %d MB; layers "
        + "read %s (of %d in the fleet), engine exports %s; errors %s%n", label,
        Long.parseLong(m.get("heap.peak")) >> 20, Long.parseLong(m.get("heap.live")) >> 20, m.get("layers.indexed"),
        images * 2, m.get("engine.exports"), m.get("errors"));
    System.out.printf(Locale.ROOT, "         ratio %.3fx the guide's commands%n", wall / (guidePerImage * images));
  }

  private static Map<String, String> child(Path list, Path reportDir, String cache) throws Exception {
    BenchProcess.Run run = BenchProcess.java(List.of(HEAP, "-Dpodarmor.cache.dir=" + cache,
        "-Dpodarmor.report.dir=" + reportDir), FleetBenchmark.class, "--measure", list.toString());
    Map<String, String> m = run.values();
    if (!m.containsKey("wall.s")) {
      throw new IllegalStateException("the measuring JVM printed no figures:\n" + run.output());
    }
    m.put("process.s", Double.toString(run.seconds()));
    return m;
  }

  /** The fleet's references, and the size of its base. */
  private record Fleet(List<String> references, long baseBytes, long baseGzipBytes) {}

  /** The fleet in the registry: the base uploaded once, then each image's app layer, config and manifest. */
  private static Fleet push(TestRegistry registry) throws IOException {
    byte[] base = Files.readAllBytes(DebianRootfs.rootfsTarball());
    String baseDigest = TestImage.sha256(base);
    long[] uncompressed = new long[1];
    String baseDiffId = gunzippedSha256(base, uncompressed);
    registry.pushBlob(REPOSITORY, baseDigest, base);
    List<String> fleet = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      String name = String.format(Locale.ROOT, "app-%03d", i);
      byte[] app = Layer.create().owner(65532, 65532).dir("/app", 0755)
          .file("/app/" + name, "#!/bin/sh\n# " + name + "\n" + "x".repeat(2000 + i) + "\n", 0755)
          .file("/app/" + name + ".json", "{\"instance\": " + i + "}\n", 0644).toTar();
      String appDigest = registry.pushBlob(REPOSITORY, app);
      byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-11-01T00:00:00Z\","
          + "\"config\":{\"User\":\"65532:65532\",\"Entrypoint\":[\"/app/" + name + "\"],"
          + "\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],"
          + "\"Healthcheck\":{\"Test\":[\"CMD\",\"/app/" + name + "\",\"--health\"]}},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + baseDiffId + "\",\"" + appDigest + "\"]},"
          + "\"history\":[{\"created_by\":\"debootstrap --variant=minbase bookworm\"},"
          + "{\"created_by\":\"COPY " + name + " /app/\"}]}").getBytes(StandardCharsets.UTF_8);
      String configDigest = registry.pushBlob(REPOSITORY, config);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
          + "\",\"size\":" + config.length + "},\"layers\":["
          + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + baseDigest
          + "\",\"size\":" + base.length + "},"
          + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + appDigest
          + "\",\"size\":" + app.length + "}]}").getBytes(StandardCharsets.UTF_8);
      registry.pushManifest(REPOSITORY, name, "application/vnd.oci.image.manifest.v1+json", manifest);
      fleet.add(TestRegistry.LOCAL + "/" + REPOSITORY + ":" + name);
    }
    return new Fleet(fleet, uncompressed[0], base.length);
  }

  /**
   * The image in the engine under a name of its own, for the guide's commands: pulled from the local registry once,
   * and the registry's name removed, so PodArmor's run reads every image of the fleet from the registry.
   */
  private static String guideImage(String reference, int i) throws Exception {
    String tag = GUIDE_TAG + ":" + String.format(Locale.ROOT, "%03d", i);
    if (BenchProcess.run(false, List.of("docker", "image", "inspect", tag)).output().startsWith("[")) {
      return tag;
    }
    DockerCli.run("pull", "-q", reference);
    DockerCli.run("tag", reference, tag);
    DockerCli.run("rmi", reference);
    return tag;
  }

  /** The guide's own commands on one image, one after another; their verdicts do not matter here. */
  private static double guideCommands(String image) throws Exception {
    double total = 0;
    total += BenchProcess.run(false, List.of("docker", "run", "--rm", "--network", "none", "--entrypoint", "id", image,
        "-u")).seconds();
    total += BenchProcess.run(false, List.of("docker", "run", "--rm", "--network", "none", "--entrypoint", "find",
        image, "/", "-xdev", "(", "-perm", "-4000", "-o", "-perm", "-2000", ")", "-type", "f")).seconds();
    total += BenchProcess.run(false, List.of("docker", "run", "--rm", "--network", "none", "--entrypoint", "/bin/sh",
        image, "-c", "true")).seconds();
    total += BenchProcess.run(false, List.of("docker", "image", "inspect", image)).seconds();
    return total;
  }

  private static String gunzippedSha256(byte[] gzip, long[] size) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip), 1 << 16)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
        size[0] += n;
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** In the fresh JVM: the fleet suite through the JUnit Platform, parallel classes, figures printed. */
  private static void measure(Path list) throws Exception {
    BenchProcess.HeapWatch heap = new BenchProcess.HeapWatch();
    long start = System.nanoTime();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectClass(FleetGuideQuestions.class))
        .configurationParameter("podarmor.images", "@" + list)
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    try (LauncherSession session = LauncherFactory.openSession()) {
      session.getLauncher().execute(request, listener);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    heap.close();
    TestExecutionSummary summary = listener.getSummary();
    long errors = summary.getFailures().stream().filter(f -> !(f.getException() instanceof AssertionError)).count();
    summary.getFailures().stream().filter(f -> !(f.getException() instanceof AssertionError)).limit(3)
        .forEach(f -> System.out.println("error: " + f.getTestIdentifier().getDisplayName() + ": " + f.getException()));
    System.out.println("wall.s=" + wall);
    System.out.println("tests=" + summary.getTestsStartedCount());
    System.out.println("threads=" + FleetGuideQuestions.THREADS.size());
    System.out.println("failed=" + summary.getTestsFailedCount());
    System.out.println("errors=" + (errors + summary.getContainersFailedCount()));
    System.out.println("heap.peak=" + heap.peak());
    System.out.println("heap.live=" + heap.live());
    System.out.println("layers.indexed=" + counter("layersIndexed"));
    System.out.println("engine.exports=" + counter("engineExports"));
  }

  /**
   * One of PodArmor's read counters. By name: their package belongs to PodArmor's module, which hides the test-jar's
   * class in it when this compiles; the benchmark itself runs on the class path, where it is visible.
   */
  private static long counter(String name) throws ReflectiveOperationException {
    return (long) Class.forName("io.podarmor.internal.source.SourceCounters").getMethod(name).invoke(null);
  }
}
