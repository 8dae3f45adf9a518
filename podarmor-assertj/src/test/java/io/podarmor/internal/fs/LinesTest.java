package io.podarmor.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines one at a time are the lines {@code split("\n", -1)} gives, the parsers' reference. */
class LinesTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "\n\n\n", "a", "a\n", "a\nb", "\na\n\nb\n\n", "a\r\nb\r\n", " \n\t\n"})
  void are_the_lines_split_gives(String text) {
    List<String> lines = new ArrayList<>();
    Lines cursor = new Lines(text);
    for (String line = cursor.next(); line != null; line = cursor.next()) {
      lines.add(line);
    }
    assertThat(lines).containsExactly(text.split("\n", -1));
    assertThat(cursor.next()).isNull();
  }
}
