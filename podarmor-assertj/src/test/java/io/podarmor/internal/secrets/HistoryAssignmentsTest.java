package io.podarmor.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.HistoryEntry;
import io.podarmor.internal.history.HistoryParser;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Assignments in the steps HistoryParser makes of created_by strings exactly as the legacy builder, BuildKit and Buildah write them. */
class HistoryAssignmentsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", value = {
      // legacy builder (DOCKER_BUILDKIT=0 docker build): two spaces after #(nop)
      "/bin/sh -c #(nop)  ENV API_TOKEN=fake-123 => ENV API_TOKEN=fake-123",
      "/bin/sh -c #(nop)  ENV A=1 DB_PASSWORD=hunter2 => ENV A=1; ENV DB_PASSWORD=hunter2",
      "/bin/sh -c #(nop)  ENV GREETING=hello world => ENV GREETING=hello world",
      "/bin/sh -c #(nop)  ARG TOKEN=fake-123 => ARG TOKEN=fake-123",
      "/bin/sh -c #(nop)  ARG TOKEN => -",
      "|1 TOKEN=fake-123 /bin/sh -c make => ARG TOKEN=fake-123",
      "/bin/sh -c #(nop) COPY file:0123abcd in /app  => -",
      "/bin/sh -c make TOKEN=fake => -",
      // BuildKit
      "ENV API_TOKEN=fake-123 => ENV API_TOKEN=fake-123",
      "ARG TOKEN=fake-123 => ARG TOKEN=fake-123",
      "ARG TOKEN => -",
      "RUN |2 TOKEN=fake-123 OTHER=x /bin/sh -c make # buildkit => ARG TOKEN=fake-123; ARG OTHER=x",
      "RUN /bin/sh -c make TOKEN=x # buildkit => -",
      "COPY secret.txt /app # buildkit => -",
      // Buildah: one space after #(nop)
      "/bin/sh -c #(nop) ENV API_TOKEN=fake-123 => ENV API_TOKEN=fake-123",
      "/bin/sh -c #(nop) ARG TOKEN=fake-123 => ARG TOKEN=fake-123",
      "|1 TOKEN=fake-123 /bin/sh -c make => ARG TOKEN=fake-123",
  })
  void parses(String createdBy, String expected) {
    List<HistoryAssignments.Assignment> found = HistoryAssignments.parse(
        HistoryParser.parse(0, HistoryEntry.of(null, createdBy, "", "", false)));
    assertThat(found.stream().map(Object::toString).collect(Collectors.joining("; "))).isEqualTo(expected.equals("-") ? "" : expected);
  }
}
