package io.podarmor.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's CIS table is {@link CisItem}: one row per item PodArmor checks, with its id, title and assertion. */
class CisItem_readmeTable_Test {
  @Test
  void the_readme_lists_every_checked_item_as_the_table_has_it() throws IOException {
    // GIVEN the README's CIS section
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## CIS Docker Benchmark §4"));
    section = section.substring(0, section.indexOf("\n## ", 3));
    List<String> rows = section.lines().filter(l -> l.matches("\\| 4\\.\\d+ \\|.*")).toList();
    // WHEN / THEN
    assertThat(rows).containsExactlyElementsOf(Arrays.stream(CisItem.values()).filter(CisItem::isChecked)
        .map(i -> "| " + i.id() + " | " + i.title() + " | `" + i.assertion() + "` |").toList());
  }
}
