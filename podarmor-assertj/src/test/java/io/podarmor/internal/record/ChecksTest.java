package io.podarmor.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChecksTest {
  private final List<CheckRecord> records = new ArrayList<>();
  private final Consumer<CheckRecord> listener = records::add;

  @BeforeEach
  void listen() {
    CheckRecorder.addListener(listener);
  }

  @AfterEach
  void stopListening() {
    CheckRecorder.removeListener(listener);
  }

  @Test
  void a_pass_carries_the_evidence_its_body_noted() {
    Checks.run("img", "sha256:1", Properties.SIGNED, "isSigned()", "cosign", () -> {
      Checks.passEvidence("signer: ci@example.com");
      return null;
    });

    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.evidence()).containsExactly("signer: ci@example.com");
    });
  }

  @Test
  void a_nested_check_keeps_its_evidence_apart_from_the_outer_one() {
    Checks.run("img", "sha256:1", Properties.CIS_4, "outer()", "m", () -> {
      Checks.run("img", "sha256:1", Properties.SIGNED, "inner()", "m", () -> {
        Checks.passEvidence("inner");
        return null;
      });
      Checks.passEvidence("outer");
      return null;
    });

    assertThat(records).extracting(CheckRecord::assertion, CheckRecord::evidence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("inner()", List.of("inner")),
            org.assertj.core.groups.Tuple.tuple("outer()", List.of("outer")));
  }

  @Test
  void a_failure_records_the_lines_after_but_found_and_noted_evidence_is_dropped() {
    assertThatExceptionOfType(AssertionError.class).isThrownBy(() ->
        Checks.run("img", "sha256:1", Properties.NO_SHELL, "hasNoShell()", "m", () -> {
          Checks.passEvidence("never shown");
          throw new AssertionError("Expecting image:\n  img\nto have no shell\nbut found:\n  /bin/sh\n");
        }));

    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.evidence()).containsExactly("/bin/sh");
    });
  }

  @Test
  void outside_a_check_noting_evidence_does_nothing() {
    Checks.passEvidence("nobody listens");

    assertThat(records).isEmpty();
  }
}
