package io.podarmor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import io.podarmor.internal.docker.Docker;
import io.podarmor.testing.RuntimeImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that ends without closing its containers (a cancelled CI job, say) still removes them. */
class ShutdownHookTest {

  @Test
  void containersLeftOpenAreRemovedWhenTheJvmIsTerminated() throws Exception {
    String image = RuntimeImages.shellless();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        LeakingMain.class.getName(), image).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String[] ids;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("the child's run id and container id").isNotNull();
      ids = line.split(" ");
      assertThat(Docker.client().inspectContainerCmd(ids[1]).exec().getState().getRunning()).isTrue();

      child.destroy(); // SIGTERM: shutdown hooks run
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }

    String containerId = ids[1];
    assertThatThrownBy(() -> Docker.client().inspectContainerCmd(containerId).exec())
        .isInstanceOf(NotFoundException.class);
    assertThat(Docker.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(RunningContainer.RUN_LABEL, ids[0])).exec()).isEmpty();
    assertThat(ids[0]).isNotEqualTo(RunningContainer.runId());
  }
}
