package io.podarmor.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Evidence lines are bounded where verdicts are made. */
class CheckTest {
  @Test
  void a_line_up_to_the_bound_is_kept_whole() {
    String line = "x".repeat(Check.MAX_EVIDENCE_CHARS);
    assertThat(Check.bounded(line)).isSameAs(line);
  }

  @Test
  void a_longer_line_keeps_its_start_and_its_end() {
    String line = "User \"" + "a:".repeat(1_000_000) + "\": uid 0 (root)";
    assertThat(Check.bounded(line)).startsWith("User \"a:a:").endsWith("a:\": uid 0 (root)")
        .contains(" … (1,998,221 characters left out) … ").hasSizeLessThan(1_900);
  }
}
