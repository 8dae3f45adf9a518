package io.podarmor.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The .env and .pgpass patterns find what the patterns they replace found, line by line, in time linear in the file:
 * the old ones backtracked quadratically over a line of blanks or over lines without colons.
 */
class CredentialPatternsTest {
  private static final Pattern OLD_ASSIGNMENT = Pattern.compile(
      "^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \\t]*=[ \\t]*(.*?)[ \\t\\r]*$", Pattern.MULTILINE);
  private static final Pattern OLD_PGPASS = Pattern.compile("^([^#:\\s][^:]*:[^:]*:[^:]*:[^:]*):(.+)$");

  @Property(tries = 3000)
  void assignments_are_those_the_old_pattern_found(@ForAll("envFiles") List<String> pieces) {
    String text = String.join("", pieces);
    List<String> old = new ArrayList<>();
    for (Matcher m = OLD_ASSIGNMENT.matcher(text); m.find(); ) {
      old.add(m.group(1) + "=" + m.group(2));
    }
    List<String> now = new ArrayList<>();
    for (Matcher m = CredentialFiles.ASSIGNMENT.matcher(text); m.find(); ) {
      now.add(m.group(1) + "=" + CredentialFiles.value(m));
    }
    assertThat(now).as(text).isEqualTo(old);
  }

  @Property(tries = 3000)
  void a_pgpass_entry_is_the_first_line_the_old_pattern_matched(@ForAll("pgpassFiles") List<String> lines) {
    String expected = null;
    for (String line : lines) {
      Matcher m = OLD_PGPASS.matcher(line);
      if (m.matches()) {
        expected = m.group(1) + " " + m.group(2);
        break;
      }
    }
    Matcher m = CredentialFiles.PGPASS.matcher(String.join("\n", lines));
    assertThat(m.find() ? m.group(1) + " " + m.group(2) : null).as("%s", lines).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<String>> envFiles() {
    return Arbitraries.of("A", "db_password", "export", "export ", " ", "\t", "=", "x", "'s3cr3t'", "\"v\"", "\n",
        "\r\n", "#", ".", "-", "1").list().ofMaxSize(14);
  }

  @Provide
  Arbitrary<List<String>> pgpassFiles() {
    return Arbitraries.of("h", ":", "#", " ", "\t", "*", "5432", "pw", "::").list().ofMaxSize(10)
        .map(pieces -> String.join("", pieces)).list().ofMaxSize(5);
  }

  @Test
  void a_line_of_a_million_blanks_is_read_at_once() {
    Matcher m = CredentialFiles.ASSIGNMENT.matcher("API_KEY=x" + " ".repeat(1 << 20) + "y\n");
    assertThat(m.find()).isTrue();
    assertThat(CredentialFiles.value(m)).startsWith("x ").endsWith(" y");
  }

  @Test
  void half_a_million_lines_without_a_colon_are_read_at_once() {
    assertThat(CredentialFiles.PGPASS.matcher("a\n".repeat(1 << 19)).find()).isFalse();
    assertThat(CredentialFiles.PGPASS.matcher("a\n".repeat(1 << 19) + "db:5432:app:app:s3cret\n").find()).isTrue();
  }
}
