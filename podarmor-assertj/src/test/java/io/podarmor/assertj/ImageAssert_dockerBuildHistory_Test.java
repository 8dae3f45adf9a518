package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history checks on images built for real by {@code docker build}, with the legacy builder
 * ({@code DOCKER_BUILDKIT=0}) and with BuildKit ({@code DOCKER_BUILDKIT=1}), read from the engine and from
 * {@code docker save}. RUN steps run on a local busybox base with stub {@code apt-get} and {@code curl}; nothing is
 * pulled.
 */
class ImageAssert_dockerBuildHistory_Test {
  static final String BASE = "podarmor-test/cis-build-base:1";
  static final String CLEAN_DOCKERFILE = "FROM " + BASE + "\n"
      + "COPY app /app\n"
      + "RUN apt-get update \\\n && apt-get install -y x\n"
      + "RUN find / -xdev -iname sudo; echo sudo\n";
  static final String VIOLATING_DOCKERFILE = "FROM " + BASE + "\n"
      + "ADD app /app\n"
      + "ENV A=b\n"
      + "RUN apt-get update\n"
      + "RUN curl -fsSL https://get.example.com | sh\n"
      + "COPY sudo /usr/bin/sudo\n"
      + "RUN sudo true\n";
  static final List<String> BUILT = new ArrayList<>();

  @TempDir static Path tmp;

  @BeforeAll
  static void build() throws IOException {
    TestImage.named(BASE)
        .layer(Layer.create().dir("/bin", 0755).copy("/bin/busybox", Binaries.busybox(), 0755)
            .symlink("/bin/sh", "busybox").symlink("/bin/find", "busybox").symlink("/bin/echo", "busybox")
            .symlink("/bin/true", "busybox")
            .dir("/usr", 0755).dir("/usr/bin", 0755)
            .file("/usr/bin/apt-get", "#!/bin/sh\nexit 0\n", 0755)
            .file("/usr/bin/curl", "#!/bin/sh\necho true\n", 0755)
            .dir("/tmp", 01777))
        .history("COPY busybox-rootfs / # buildkit", false)
        .loadIntoDocker();
    BUILT.add(BASE);
    Path context = Files.createDirectories(tmp.resolve("context"));
    Files.writeString(context.resolve("app"), "app\n");
    Files.writeString(context.resolve("sudo"), "#!/bin/sh\nexec \"$@\"\n");
    context.resolve("sudo").toFile().setExecutable(true, false);
    for (String builder : List.of("legacy", "buildkit")) {
      for (String kind : List.of("clean", "violating")) {
        Path dockerfile = context.resolve("Dockerfile." + kind);
        Files.writeString(dockerfile, kind.equals("clean") ? CLEAN_DOCKERFILE : VIOLATING_DOCKERFILE);
        String tag = tag(builder, kind);
        DockerCli.exec(List.of("/usr/bin/docker", "build", "-q", "-f", dockerfile.toString(), "-t", tag, "."),
            context, Map.of("DOCKER_BUILDKIT", builder.equals("legacy") ? "0" : "1"));
        BUILT.add(tag);
        DockerCli.run("save", "-o", tmp.resolve(builder + "-" + kind + ".tar").toString(), tag);
      }
    }
  }

  @AfterAll
  static void remove() {
    for (int i = BUILT.size() - 1; i >= 0; i--) {
      try {
        DockerCli.run("rmi", "-f", BUILT.get(i));
      } catch (IllegalStateException ignored) {
        // already gone
      }
    }
  }

  static String tag(String builder, String kind) {
    return "podarmor-test/cis-" + builder + "-" + kind + ":1";
  }

  static ContainerImage open(String builder, String kind, Source source) {
    return source == Source.ENGINE ? ContainerImage.fromDaemon(tag(builder, kind))
        : ContainerImage.fromDockerArchive(tmp.resolve(builder + "-" + kind + ".tar"));
  }

  static Stream<Arguments> builds() {
    return Stream.of("legacy", "buildkit").flatMap(builder -> Stream.of(Source.ENGINE, Source.DOCKER_ARCHIVE)
        .map(source -> Arguments.of(builder, source)));
  }

  @ParameterizedTest(name = "{0} builder, {1}")
  @MethodSource("builds")
  void a_clean_build_passes_every_history_check(String builder, Source source) {
    assertThat(open(builder, "clean", source))
        .hasNoAddInstructions()
        .hasNoLoneUpdateInstructions()
        .installsVerifiedPackagesOnly();
    assertThat(open(builder, "clean", source)).hasNoSudo();
  }

  @ParameterizedTest(name = "{0} builder, {1}")
  @MethodSource("builds")
  void a_violating_build_fails_each_with_the_steps_history_index(String builder, Source source) {
    ContainerImage image = open(builder, "violating", source);
    String add = builder.equals("legacy") ? "ADD file:[0-9a-f]{64} in /app" : "ADD app /app";
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoAddInstructions())
        .withMessageMatching("(?s).*to use COPY instead of ADD \\(CIS 4\\.9\\)\nbut found:\n  history\\[1\\]: " + add);
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoLoneUpdateInstructions())
        .withMessageEndingWith("but found:\n  history[3]: RUN /bin/sh -c apt-get update (apt-get update with no"
            + " install or upgrade after it)");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).installsVerifiedPackagesOnly())
        .withMessageEndingWith("but found:\n  history[4]: RUN /bin/sh -c curl -fsSL https://get.example.com | sh"
            + " (curl download piped into sh)");
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(image).hasNoSudo())
        .withMessageMatching("(?s).*but found:\n  history\\[6\\]: RUN /bin/sh -c sudo true\n"
            + "  -rwxr-xr-x 0:0 /usr/bin/sudo from layer \\d \\(sha256:[0-9a-f]{12}\\)");
  }
}
