package io.podarmor.assertj;

import static io.podarmor.assertj.RuntimeFixtures.awaitExit;
import static io.podarmor.assertj.RuntimeFixtures.expectAssertionError;
import static io.podarmor.assertj.RuntimeFixtures.header;
import static io.podarmor.assertj.RuntimeFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.runtime.RunningContainer;
import io.podarmor.testing.RuntimeImages;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContainerAssert_becomesHealthyWithin_Test {
  static RunningContainer healthy;
  static RunningContainer unhealthy;
  static RunningContainer noHealthcheck;
  static RunningContainer cli;

  @BeforeAll
  static void startContainers() {
    healthy = start(RuntimeImages.shellless());
    unhealthy = start(RuntimeImages.unhealthy());
    noHealthcheck = start(RuntimeImages.root());
    cli = start(RuntimeImages.cli());
  }

  @AfterAll
  static void removeContainers() {
    for (RunningContainer c : new RunningContainer[] {healthy, unhealthy, noHealthcheck, cli}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void passesOnceTheEngineReportsHealthy() {
    new ContainerAssert(healthy).becomesHealthyWithin(Duration.ofSeconds(20));

    assertThat(healthy.isHealthy()).isTrue();
  }

  @Test
  void failsWithTheHealthLogWhenTimeRunsOut() {
    AssertionError error =
        expectAssertionError(() -> new ContainerAssert(unhealthy).becomesHealthyWithin(Duration.ofSeconds(4)));

    String head = String.format("%nExpecting container:%n  %s%nto become healthy within 4s%n"
        + "but its health status was still unhealthy after 4s; the engine's last health probes:%n", header(unhealthy));
    assertThat(error.getMessage()).startsWith(head);
    assertThat(error.getMessage().substring(head.length()).split("\n"))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).isEqualTo("  exit 1: database unreachable"));
  }

  @Test
  void failsAtOnceWithoutHealthcheck() {
    long start = System.nanoTime();

    AssertionError error =
        expectAssertionError(() -> new ContainerAssert(noHealthcheck).becomesHealthyWithin(Duration.ofSeconds(30)));

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%nto become healthy within 30s%n"
        + "but the engine reports no health status: the image declares no HEALTHCHECK (or HEALTHCHECK NONE)",
        header(noHealthcheck)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void failsAtOnceWhenTheMainProcessExits() throws InterruptedException {
    awaitExit(cli);

    AssertionError error =
        expectAssertionError(() -> new ContainerAssert(cli).becomesHealthyWithin(Duration.ofSeconds(30)));

    assertThat(error).hasMessage(String.format("%nExpecting container:%n  %s%nto become healthy within 30s%n"
        + "but its main process exited with code 0 first; last log lines:%n  tini version 0.1.7_catatonit",
        header(cli)));
  }
}
