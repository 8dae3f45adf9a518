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
 * apt's {@code [trusted=yes]} is found in RUN steps where the pattern it replaces finds it, in one pass, and in source
 * lines with every value apt reads as true ({@code trusted=true}); a source line is not missed for a line separator
 * after its options. {@link AptSourcesFuzz} compares the reading of source lists with apt's own.
 */
class BracketOptionsTest {
  private static final Pattern IN_BRACKETS = Pattern.compile("\\[[^\\]]*trusted=yes[^\\]]*\\]");

  @Property(tries = 3000)
  void in_a_step_as_the_pattern_finds_it(@ForAll("texts") List<String> pieces) {
    String text = String.join("", pieces);
    assertThat(UnverifiedPackageFinder.trustsInBrackets(text)).as(text).isEqualTo(IN_BRACKETS.matcher(text).find());
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
    assertThat(AptSources.trustingStanzas("Trusted: " + value)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"no", "false", "off", "0", "10", "-1", "0x", "truer", "", "1x"})
  void other_values_do_not(String value) {
    assertThat(AptSources.trustsOneLine("deb [trusted=" + value + "] http://repo/ ./")).isFalse();
    assertThat(UnverifiedPackageFinder.trustsInBrackets("echo 'deb [trusted=" + value + "] http://repo/ ./'"))
        .isFalse();
    assertThat(AptSources.trustingStanzas("Trusted: " + value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo 'deb [trusted=\"yes\"] http://x/ ./' > /etc/apt/sources.list.d/x.list",
      "echo \"deb [trusted=\\\"yes\\\"] http://x/ ./\" > /etc/apt/sources.list.d/x.list",
      "echo 'deb [trusted=ye%73] http://x/ ./' > /etc/apt/sources.list.d/x.list"})
  void a_value_a_step_writes_in_quotes_or_percent_encoded_trusts_as_apt_reads_it(String run) {
    assertThat(UnverifiedPackageFinder.trustsInBrackets(run)).as(run).isTrue();
  }

  @Test
  void a_line_separator_after_the_options_no_longer_hides_them() {
    assertThat(AptSources.trustsOneLine("deb [trusted=yes] http://x/\u0085 ./")).isTrue();
  }

  @Test
  void a_megabyte_of_options_without_their_bracket_is_read_at_once() {
    String options = "trusted=yes [".repeat(80_000);
    assertThat(UnverifiedPackageFinder.trustsInBrackets("echo '[" + options + "' > x")).isFalse();
    assertThat(AptSources.trustsOneLine("deb [" + options)).isFalse();
    String many = "arch=amd64 trusted=yes ".repeat(45_000);
    assertThat(AptSources.trustsOneLine("deb [" + many)).isFalse(); // apt refuses options without their bracket
    assertThat(AptSources.trustsOneLine("deb [" + many + "] http://x/ ./")).isTrue();
  }
}
