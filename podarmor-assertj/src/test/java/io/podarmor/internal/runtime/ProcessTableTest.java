package io.podarmor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.ProcessInfo;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
  static final String[] TITLES = {"PID", "EUID", "RUID", "EGID", "RGID", "COMMAND"};

  @Test
  void findsTheMainProcessByHostPid() {
    String[][] rows = {
        {"4100", "0", "0", "0", "0", "/catatonit -P"},
        {"4188", "65532", "1000", "65533", "1001", "/app serve --port 8080"},
    };

    ProcessInfo p = ProcessTable.find(TITLES, rows, 4188, "x");

    assertThat(p).isEqualTo(new ProcessInfo(4188, 65532, 1000, 65533, 1001, "/app serve --port 8080"));
    assertThat(p).hasToString("euid 65532, ruid 1000, egid 65533, rgid 1001: /app serve --port 8080");
  }

  @Test
  void failsClosedWhenThePidIsNotListed() {
    String[][] rows = {{"4100", "0", "0", "0", "0", "/catatonit -P"}};

    assertThatThrownBy(() -> ProcessTable.find(TITLES, rows, 7, "acme/api:1"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("The engine's process list for the container of acme/api:1 has no process with host PID 7 "
            + "(its main process); found 4100 0 0 0 0 /catatonit -P");
  }

  @Test
  void failsClosedWhenTheEnginesPsLacksAColumn() {
    String[] titles = {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"};

    assertThatThrownBy(() -> ProcessTable.find(titles, new String[0][], 7, "acme/api:1"))
        .isInstanceOf(ContainerException.class)
        .hasMessage("The engine's process list for the container of acme/api:1 has no EUID column (columns: UID PID"
            + " PPID C STIME TTY TIME CMD); the engine's ps does not support -o pid,euid,ruid,egid,rgid,args, so the"
            + " process' user cannot be read");
  }

  @Test
  void failsClosedOnNamesInsteadOfNumbers() {
    String[][] rows = {{"9", "root", "0", "0", "0", "/app"}};

    assertThatThrownBy(() -> ProcessTable.find(TITLES, rows, 9, "acme/api:1"))
        .hasMessage("The engine's process list for the container of acme/api:1 has non-numeric ids in "
            + "9 root 0 0 0 /app; cannot tell the process' user");
  }

  /** Podman's Docker-compatible API answers {@code docker top} with ps options by a 200 and no body at all. */
  @Test
  void anEmptyAnswerIsToldApartFromOtherFailures() {
    RuntimeException empty = new RuntimeException(jsonFailure(""));
    RuntimeException garbled = new RuntimeException(jsonFailure("{"));

    assertThat(ProcessTable.answeredNothing(empty)).isTrue();
    assertThat(ProcessTable.answeredNothing(garbled)).isFalse();
    assertThat(ProcessTable.EMPTY_ANSWER).startsWith("the engine answered with an empty body");
  }

  private static Exception jsonFailure(String body) {
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, java.util.Map.class);
      throw new AssertionError("parsed " + body);
    } catch (java.io.IOException e) {
      return e;
    }
  }
}
