package io.podarmor.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Evidence lines are bounded where verdicts are made. */
class CheckTest {
  @Test
  void a_thousand_lines_are_kept_and_the_rest_counted() {
    List<String> lines = IntStream.range(0, 2_500).mapToObj(i -> "/d/f" + i + " (mode 4755)").toList();
    assertThat(Check.bounded(lines.subList(0, Check.MAX_EVIDENCE_LINES))).isEqualTo(lines.subList(0, 1_000));
    assertThat(Check.bounded(lines)).hasSize(1_001).startsWith("/d/f0 (mode 4755)")
        .contains("/d/f999 (mode 4755)").doesNotContain("/d/f1000 (mode 4755)")
        .endsWith("… and 1,500 more (2,500 in all)");
  }

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
