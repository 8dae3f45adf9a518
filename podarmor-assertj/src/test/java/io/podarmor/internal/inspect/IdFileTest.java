package io.podarmor.internal.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** passwd, group and shadow records read a line and four fields at a time, and at most so many of them. */
class IdFileTest {
  @Property(tries = 2000)
  void the_first_fields_are_those_split_gives(@ForAll @StringLength(max = 12) @CharRange(from = '9', to = ';')
      String line, @ForAll @IntRange(min = 1, max = 5) int n) {
    String[] all = line.split(":", -1);
    assertThat(IdFile.firstFields(line, n)).containsExactly(Arrays.copyOf(all, Math.min(n, all.length)));
  }

  @Test
  void records_are_read_up_to_the_bound() {
    String record = "u:x:1:1::/:/sbin/nologin\n";
    assertThat(IdFile.passwd("/etc/passwd", record.repeat(IdFile.MAX_RECORDS)).records())
        .hasSize(IdFile.MAX_RECORDS);
    assertThatThrownBy(() -> IdFile.passwd("/etc/passwd", record.repeat(IdFile.MAX_RECORDS + 1)))
        .isInstanceOf(AccountChecker.Undecidable.class)
        .hasMessage("/etc/passwd has more than 100,000 records, more than PodArmor reads of one file");
  }
}
