package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * apt's {@code [trusted=yes]} is found in RUN steps and in source lines where the patterns it replaces find it, in one
 * pass; a source line is no longer missed for a line separator after its options, nor for another value apt reads as
 * true ({@code trusted=true}).
 */
class BracketOptionsTest {
  private static final Pattern IN_BRACKETS = Pattern.compile("\\[[^\\]]*trusted=yes[^\\]]*\\]");
  private static final Pattern SOURCE_LINE = Pattern.compile("deb(-src)?\\s+\\[[^\\]]*trusted=yes[^\\]]*\\].*");

  @Property(tries = 3000)
  void in_a_step_as_the_pattern_finds_it(@ForAll("texts") List<String> pieces) {
    String text = String.join("", pieces);
    assertThat(UnverifiedPackageFinder.trustsInBrackets(text)).as(text).isEqualTo(IN_BRACKETS.matcher(text).find());
  }

  @Property(tries = 3000)
  void in_a_source_line_as_the_pattern_matches_it_but_for_line_separators(@ForAll("texts") List<String> pieces) {
    String line = String.join("", pieces);
    boolean reference = SOURCE_LINE.matcher(line).matches();
    if (line.chars().noneMatch(c -> c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')) {
      assertThat(AptSources.trustsOneLine(line)).as(line).isEqualTo(reference);
    } else if (reference) {
      assertThat(AptSources.trustsOneLine(line)).as(line).isTrue();
    }
  }

  @Provide
  Arbitrary<List<String>> texts() {
    return Arbitraries.of("deb", "deb-src", "debx", " ", "\t", "  ", "[", "]", "trusted=yes", "trusted=no", "trusted",
        "=yes", "arch=amd64", " http://x/ ./", "\u0085", "\r", "\u2028", "x", "t", "deb [").list().ofMaxSize(12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "on", "with", "enable", "Yes", "1", "+1", "01", "0x1", "0X01"})
  void every_value_apt_reads_as_true_trusts(String value) {
    assertThat(AptSources.trustsOneLine("deb [arch=amd64 trusted=" + value + "] http://repo/ ./")).isTrue();
    assertThat(UnverifiedPackageFinder.trustsInBrackets("echo 'deb [trusted=" + value + "] http://repo/ ./' > x"))
        .isTrue();
    assertThat(AptSources.trustsDeb822("Trusted: " + value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no", "false", "off", "0", "10", "-1", "0x", "truer", "", "1x"})
  void other_values_do_not(String value) {
    assertThat(AptSources.trustsOneLine("deb [trusted=" + value + "] http://repo/ ./")).isFalse();
    assertThat(UnverifiedPackageFinder.trustsInBrackets("echo 'deb [trusted=" + value + "] http://repo/ ./'"))
        .isFalse();
    assertThat(AptSources.trustsDeb822("Trusted: " + value)).isFalse();
  }

  @Test
  void a_line_separator_after_the_options_no_longer_hides_them() {
    assertThat(SOURCE_LINE.matcher("deb [trusted=yes] http://x/\u0085 ./").matches()).isFalse();
    assertThat(AptSources.trustsOneLine("deb [trusted=yes] http://x/\u0085 ./")).isTrue();
  }

  @Test
  void a_megabyte_of_options_without_their_bracket_is_read_at_once() {
    String options = "trusted=yes [".repeat(80_000);
    assertThat(UnverifiedPackageFinder.trustsInBrackets("echo '[" + options + "' > x")).isFalse();
    assertThat(AptSources.trustsOneLine("deb [" + options)).isFalse();
    assertThat(AptSources.trustsOneLine("deb [" + options + "] http://x/ ./")).isTrue();
  }
}
