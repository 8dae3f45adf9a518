package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The shell prefix is found where the pattern it replaces finds it, in time linear in the text. */
class ShellPrefixTest {
  /** The pattern the history parser used, the reference. */
  private static final Pattern REFERENCE = Pattern.compile(
      "^(?:\\S*/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)((?:\\s+(?:-o\\s+\\S+|[-+][a-zA-Z]+))*?)\\s+-[a-zA-Z]*c(?:\\s|$)");

  @Property(tries = 3000)
  void ends_where_the_pattern_ends(@ForAll("commands") List<String> pieces) {
    String text = String.join("", pieces);
    Matcher m = REFERENCE.matcher(text);
    assertThat(ShellPrefix.length(text)).as("%s", text.replace("\n", "\\n")).isEqualTo(m.find() ? m.end() : -1);
  }

  @Provide
  Arbitrary<List<String>> commands() {
    Arbitrary<String> shell = Arbitraries.of("/bin/sh", "sh", "bash", "/usr/bin/bash", "x/dash", "shx", "/bin/", "c",
        " sh");
    Arbitrary<String> word = Arbitraries.of("-o", "-o", "-o", "-c", "-ec", "-ac", "-exc", "-a", "+x", "pipefail", "-",
        "c", "-1c", "apt-get", "x", "-c\u2028", "-c\u0085", "");
    Arbitrary<String> space = Arbitraries.of(" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u000b", "\f", "\u2028", "");
    return Combinators.combine(shell, Combinators.combine(space, word).as((s, w) -> s + w).list().ofMaxSize(10))
        .as((first, rest) -> {
          List<String> pieces = new ArrayList<>(List.of(first));
          pieces.addAll(rest);
          return pieces;
        });
  }

  @Test
  void a_prefix_of_options_that_read_two_ways_is_read_at_once() {
    // each "-o -a" is one option taking a word or two options: the pattern tried every reading, 2^n of them
    String text = "/bin/sh" + " -o -a".repeat(2000) + " x";
    assertThat(ShellPrefix.length(text)).isEqualTo(-1);
    assertThat(ShellPrefix.length("/bin/sh" + " -o -a".repeat(2000) + " -c apt-get update")).isEqualTo(
        "/bin/sh".length() + 6 * 2000 + 4);
  }

  @Test
  void the_common_prefixes() {
    assertThat(ShellPrefix.length("/bin/sh -c apt-get update")).isEqualTo(11);
    assertThat(ShellPrefix.length("/bin/bash -o pipefail -c curl x | sh")).isEqualTo(25);
    assertThat(ShellPrefix.length("sh -ec true")).isEqualTo(7);
    assertThat(ShellPrefix.length("/bin/sh -c")).isEqualTo(10);
    assertThat(ShellPrefix.length("python -c x")).isEqualTo(-1);
    assertThat(ShellPrefix.length(" /bin/sh -c x")).isEqualTo(-1);
  }

  @Test
  void words_beyond_the_bound_are_no_prefix() {
    assertThat(ShellPrefix.length("sh" + " -e".repeat(ShellPrefix.MAX_WORDS) + " -c x")).isEqualTo(-1);
    assertThat(ShellPrefix.length("sh" + " -e".repeat(ShellPrefix.MAX_WORDS - 2) + " -c x")).isPositive();
  }
}
