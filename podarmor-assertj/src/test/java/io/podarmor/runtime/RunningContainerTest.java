package io.podarmor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import io.podarmor.image.ContainerImage;
import io.podarmor.internal.docker.Docker;
import io.podarmor.testing.Layer;
import io.podarmor.testing.RuntimeImages;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningContainerTest {
  static ContainerImage shellless;
  static RunningContainer container;

  @BeforeAll
  static void start() {
    shellless = ContainerImage.fromDaemon(RuntimeImages.shellless());
    container = RunningContainer.start(shellless, RuntimeProfile.DEFAULT);
  }

  @AfterAll
  static void stop() {
    if (container != null) {
      container.close();
    }
  }

  @Test
  void readsTheMainProcessUserFromOutside() {
    ProcessInfo process = container.mainProcess();

    assertThat(process.uid()).isEqualTo(RuntimeImages.NONROOT);
    assertThat(process.realUid()).isEqualTo(RuntimeImages.NONROOT);
    assertThat(process.gid()).isEqualTo(RuntimeImages.NONROOT);
    assertThat(process.command()).isEqualTo("/catatonit -P");
    assertThat(container.processUid()).isEqualTo(65532);
    assertThat(container.processGid()).isEqualTo(65532);
  }

  @Test
  void isCreatedFromTheEngineImageIdWithLabelsAndNoNetwork() {
    InspectContainerResponse inspect = Docker.client().inspectContainerCmd(container.id()).exec();

    assertThat(inspect.getImageId()).isEqualTo(shellless.id());
    assertThat(inspect.getConfig().getLabels()).containsAllEntriesOf(Map.of(
        "io.podarmor.run", RunningContainer.runId(),
        "io.podarmor.image", "podarmor-test-ext/shellless:1",
        "io.podarmor.image.id", shellless.id(),
        "io.podarmor.profile", "default"));
    assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("none");
    assertThat(inspect.getHostConfig().getReadonlyRootfs()).isFalse();
    assertThat(inspect.getName()).matches("/podarmor-test-ext-shellless-1-podarmor-[0-9a-f]{8}");
    assertThat("/" + container.name()).isEqualTo(inspect.getName());
  }

  @Test
  void execCollectsExitCodeAndOutput() {
    ExecResult result = container.exec("/catatonit", "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("tini version 0.1.7_catatonit\n");
    assertThat(result.stderr()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void execOfAMissingProgramGivesTheEnginesExitCodeNotAnException() {
    ExecResult result = container.exec("/bin/sh", "-c", "true");

    assertThat(result.exitCode()).isIn(126, 127);
    assertThat(result.output()).contains("/bin/sh").contains("no such file or directory");
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void reportsHealthFromTheEngine() throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!container.isHealthy() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    assertThat(container.isHealthy()).isTrue();
    assertThat(container.healthStatus()).contains("healthy");
    assertThat(container.healthLog()).isNotEmpty().allSatisfy(probe -> {
      assertThat(probe.exitCode()).isZero();
      assertThat(probe.output()).isEqualTo("tini version 0.1.7_catatonit\n");
      assertThat(probe.start()).isNotNull();
    });
    assertThat(container.isRunning()).isTrue();
    assertThat(container.exitCode()).isEmpty();
  }

  @Test
  void restrictedProfileReachesTheEngine() {
    try (RunningContainer restricted = RunningContainer.start(shellless, RuntimeProfile.RESTRICTED)) {
      InspectContainerResponse inspect = Docker.client().inspectContainerCmd(restricted.id()).exec();

      assertThat(inspect.getHostConfig().getReadonlyRootfs()).isTrue();
      assertThat(inspect.getHostConfig().getTmpFs()).isEqualTo(Map.of("/tmp", "rw,nosuid,nodev,size=64m"));
      assertThat(inspect.getHostConfig().getCapDrop()).containsExactly(Capability.ALL);
      assertThat(inspect.getHostConfig().getSecurityOpts()).containsExactly("no-new-privileges:true");
      assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("none");
      assertThat(inspect.getConfig().getLabels()).containsEntry("io.podarmor.profile", "restricted");
      assertThat(restricted.processUid()).isEqualTo(65532);
    }
  }

  @Test
  void closeRemovesTheContainer() {
    RunningContainer c = RunningContainer.start(shellless);
    String id = c.id();

    c.close();
    c.close();

    assertThatThrownBy(() -> Docker.client().inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(c::isRunning).isInstanceOf(ContainerException.class)
        .hasMessage("The container of podarmor-test-ext/shellless:1@" + shellless.digest() + " ("
            + id.substring(0, 12) + ") was closed and removed");
  }

  @Test
  void cliImageExitsAtOnceAndChecksNeedingAProcessSaySo() throws InterruptedException {
    ContainerImage cli = ContainerImage.fromDaemon(RuntimeImages.cli());
    try (RunningContainer c = RunningContainer.start(cli)) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (c.isRunning() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertThat(c.exitCode()).hasValue(0);
      assertThat(c.logs()).isEqualTo("tini version 0.1.7_catatonit\n");
      assertThat(c.lastLogLines(5)).containsExactly("tini version 0.1.7_catatonit");
      String expected = "Cannot read the user of the main process: the main process of the container of "
          + "podarmor-test-ext/cli:1@" + cli.digest() + " (" + c.id().substring(0, 12) + ") has exited with code 0."
          + " An image whose main process exits at once, like a CLI tool, needs a keep-alive command for runtime"
          + " checks: RuntimeProfile#withKeepAlive(\"/path/to/program\", \"args…\"), or @KeepAlive with the JUnit"
          + " extension";
      assertThatThrownBy(c::processUid).isInstanceOf(ProcessExitedException.class).hasMessage(expected)
          .extracting(e -> ((ProcessExitedException) e).exitCode()).isEqualTo(0);
      assertThatThrownBy(() -> c.exec("/catatonit", "--version")).isInstanceOf(ProcessExitedException.class)
          .hasMessage(expected.replace("read the user of the main process",
              "exec /catatonit --version"));
    }
  }

  @Test
  void keepAliveReplacesEntrypointAndCommand() {
    ContainerImage cli = ContainerImage.fromDaemon(RuntimeImages.cli());
    try (RunningContainer c = RunningContainer.start(cli, RuntimeProfile.DEFAULT.withKeepAlive("/catatonit", "-P"))) {
      assertThat(c.mainProcess().command()).isEqualTo("/catatonit -P");
      assertThat(c.processUid()).isEqualTo(65532);
      assertThat(c.isRunning()).isTrue();
    }
  }

  @Test
  void anImageTheEngineDoesNotHaveIsNotPulledButRefusedWithAdvice(@TempDir Path tmp) {
    TestImage never = TestImage.named("podarmor-test-ext/never-loaded:1")
        .label("unique", "never-loaded-" + System.nanoTime())
        .layer(Layer.create().file("/hello", "hi", 0644));
    ContainerImage image = ContainerImage.fromOciLayout(never.writeOciLayout(tmp.resolve("layout")));

    assertThatThrownBy(() -> RunningContainer.start(image)).isInstanceOf(ContainerException.class)
        .hasMessage("Cannot start a container of " + image.reference() + "@" + image.digest()
            + ": the Docker engine (" + Docker.host() + ") has no image " + image.id() + ". Containers are started"
            + " only from images the engine already has, and never pulled: load it first, e.g. `docker load -i"
            + " image.tar` for a docker archive, or `skopeo copy oci:<dir> docker-daemon:<name>:<tag>` for an OCI"
            + " layout");
  }

  @Test
  void anEngineThatRefusesToStartLeavesNoContainer() {
    ContainerImage cli = ContainerImage.fromDaemon(RuntimeImages.cli());
    RuntimeProfile missingProgram = RuntimeProfile.DEFAULT.withKeepAlive("/no/such/program");

    assertThatThrownBy(() -> RunningContainer.start(cli, missingProgram)).isInstanceOf(ContainerException.class)
        .hasMessageStartingWith("The engine (" + Docker.host() + ") could not start a container of "
            + "podarmor-test-ext/cli:1@" + cli.digest() + " under profile default (network none, keep-alive "
            + "/no/such/program): ")
        .hasMessageContaining("/no/such/program");
    assertThat(Docker.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("io.podarmor.run", RunningContainer.runId(), "io.podarmor.image",
            "podarmor-test-ext/cli:1")).exec()).isEmpty();
  }
}
