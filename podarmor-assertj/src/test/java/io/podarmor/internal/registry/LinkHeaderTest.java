package io.podarmor.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The next page of tags is found in a Link header where the pattern it replaces finds it, in one pass. */
class LinkHeaderTest {
  private static final Pattern REFERENCE = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  @Property(tries = 3000)
  void as_the_pattern_finds_it(@ForAll("headers") List<String> pieces) {
    String header = String.join("", pieces);
    Matcher m = REFERENCE.matcher(header);
    assertThat(RegistryClient.nextLink(header)).as(header).isEqualTo(m.find() ? m.group(1) : null);
  }

  @Provide
  Arbitrary<List<String>> headers() {
    return Arbitraries.of("<", ">", "/v2/a/tags/list?n=1", ";", " ", "\t", "rel=", "\"", "next", "prev", ",", "<>", "x")
        .list().ofMaxSize(14);
  }

  @Test
  void a_header_of_a_million_openings_is_read_at_once() {
    assertThat(RegistryClient.nextLink("<".repeat(1 << 20))).isNull();
    assertThat(RegistryClient.nextLink("<".repeat(1 << 20) + "/v2/x>; rel=\"next\"")).startsWith("<<<")
        .endsWith("/v2/x");
    assertThat(RegistryClient.nextLink("</v2/a/tags/list?last=b&n=2>; rel=\"next\"")).isEqualTo(
        "/v2/a/tags/list?last=b&n=2");
  }
}
