package io.podarmor.internal.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A Status field's first words are those {@code trim().split("\\s+")} gives, and no more are made. */
class DpkgStatusWordsTest {
  @Property(tries = 2000)
  void are_the_words_split_gives(@ForAll("fields") List<String> pieces) {
    String field = String.join("", pieces);
    String[] all = field.trim().split("\\s+");
    String[] first = DpkgStatus.firstWords(field.trim(), 4);
    if (field.trim().isEmpty()) {
      assertThat(first).isEmpty(); // split gives [""], counted as one word: both are not three
    } else {
      assertThat(first).containsExactly(Arrays.copyOf(all, Math.min(4, all.length)));
    }
  }

  @Provide
  Arbitrary<List<String>> fields() {
    return Arbitraries.of("install", "ok", "installed", " ", "  ", "\t", "\n", "\u000b", "\f", "\r", "\u0001", "x")
        .list().ofMaxSize(10);
  }
}
