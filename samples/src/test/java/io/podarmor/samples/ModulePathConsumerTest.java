package io.podarmor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestSigstore;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer project on the module path (src/test/resources/module-consumer): its module requires
 * {@code io.podarmor.junit}, is compiled with javac and runs its suite in a JVM of its own, PodArmor, AssertJ, JUnit
 * and their dependencies all on the module path. Its suite checks an image, its keyless Sigstore bundle (sigstore-java
 * and its dependencies at work on the module path) and that PodArmor exports its API only.
 * (Every other sample is the class-path consumer.)
 */
class ModulePathConsumerTest {
  @TempDir Path tmp;

  @Test
  void compiles_and_passes_its_suite_on_the_module_path() throws Exception {
    // GIVEN a consumer module and an image
    Path layout = TestImage.named("consumer/app:1").user("65532:65532")
        .layer(Layer.create().dir("/tmp", 01777).file("/app", "app", 0755)).writeOciLayout(tmp.resolve("layout"));
    // signed keyless with a Sigstore bundle, so sigstore-java verifies it on the module path too
    TestSigstore sigstore = TestSigstore.create("module-consumer");
    Path trustedRoot = sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"));
    String digest = TestImage.manifestDigestOf(layout);
    CosignSigner.addToLayout(layout, CosignSigner.bundleReferrer(sigstore.leaf("release@acme.example",
        "https://issuer.example").issue().bundle(digest), TestManifest.OCI_MANIFEST, digest, 0), Map.of());
    String modulePath = modulePath();
    Path sources = consumerSources();
    Path classes = tmp.resolve("classes");
    List<String> javac = new ArrayList<>(List.of("--module-path", modulePath, "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
    }
    // WHEN it is compiled and run
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new));
    assertThat(compiled).as("javac on the module path").isZero();
    Path output = tmp.resolve("output.txt");
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath + File.pathSeparator + classes,
        "-m", "acme.imagetests/acme.imagetests.Main", "oci:" + layout, tmp.resolve("report").toString(),
        trustedRoot.toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the consumer finished").isTrue();
    // THEN its three tests pass, and the report lists the image's verdicts
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(run.exitValue()).as(printed).isZero();
    assertThat(printed).contains("3 tests successful");
    assertThat(tmp.resolve("report/report.json")).content().contains("\"assertion\" : \"hasNoWorldWritableFiles()\"");
  }

  /** PodArmor and what it needs, as this test's class path has them, without test code (which splits packages). */
  private static String modulePath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar")
            && !entry.contains("surefire") && Files.exists(Path.of(entry)))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Path consumerSources() throws URISyntaxException, IOException {
    return Path.of(ModulePathConsumerTest.class.getResource("/module-consumer/module-info.java").toURI()).getParent();
  }
}
