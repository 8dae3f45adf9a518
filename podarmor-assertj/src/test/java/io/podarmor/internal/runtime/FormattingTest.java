package io.podarmor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormattingTest {

  @Test
  void durationsReadLikePeopleWriteThem() {
    assertThat(Durations.human(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Durations.human(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Durations.human(Duration.ofSeconds(60))).isEqualTo("1m");
    assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }

  @Test
  void engineErrorsLoseDockerJavasWrapping() {
    RuntimeException e = new RuntimeException("Status 409: {\"message\":\"Container 0123 is not running\"}\n");

    assertThat(EngineErrors.message(e)).isEqualTo("Container 0123 is not running");
    assertThat(EngineErrors.message(new RuntimeException("plain"))).isEqualTo("plain");
  }

  @Test
  void containerNamesSayWhatRunsInThem() {
    assertThat(ContainerLauncher.name("ghcr.io/acme/api:1.4.2")).matches("ghcr.io-acme-api-1.4.2-podarmor-[0-9a-f]{8}");
    assertThat(ContainerLauncher.name("oci:/tmp/My Layout/")).matches("tmp-my-layout-podarmor-[0-9a-f]{8}");
    assertThat(ContainerLauncher.name("@@@")).matches("podarmor-[0-9a-f]{8}");
    assertThat(ContainerLauncher.name("a".repeat(100))).matches("a{48}-podarmor-[0-9a-f]{8}");
  }
}
