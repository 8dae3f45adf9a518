package io.podarmor.internal.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#tree} builds trees straight from the parser, without the data-binding mapper: it must read every
 * document as the mapper's {@code readTree} does (same nodes, same node types, same refusals), the reference it stands
 * in for.
 */
class JsonTreeTest {
  private static final ObjectMapper REFERENCE = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  @Property(tries = 2000)
  void reads_documents_as_the_mappers_read_tree_does(@ForAll("documents") String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    JsonNode expected;
    try {
      expected = REFERENCE.readTree(bytes);
    } catch (IOException refused) {
      assertThatThrownBy(() -> Json.tree(bytes)).as(json).isInstanceOf(IOException.class)
          .hasMessageStartingWith(firstLine(refused.getMessage()));
      return;
    }
    JsonNode actual;
    try {
      actual = Json.tree(bytes);
    } catch (IOException e) {
      throw new AssertionError("refused " + json + " (" + e.getMessage() + ") which readTree reads as " + expected);
    }
    assertSameTree(actual, expected, json);
  }

  @Test
  void reads_numbers_by_size_as_read_tree_does() throws IOException {
    String json = "[1, -2147483649, 9223372036854775808, 1.5, 1e400, -0, 0.0]";
    assertSameTree(Json.tree(json.getBytes(StandardCharsets.UTF_8)),
        REFERENCE.readTree(json.getBytes(StandardCharsets.UTF_8)), json);
    assertThat(Json.tree(json.getBytes(StandardCharsets.UTF_8)).get(2).isBigInteger()).isTrue();
  }

  @Test
  void an_empty_document_is_missing_and_a_repeated_key_is_refused_by_name() {
    assertThatThrownBy(() -> Json.parse(new byte[0], "config sha256:ab")).isInstanceOf(ImageException.class)
        .hasMessage("config sha256:ab is empty, expected a JSON document");
    assertThatThrownBy(() -> Json.parse("{\"User\":\"0\",\"User\":\"65532\"}".getBytes(StandardCharsets.UTF_8),
        "config sha256:ab")).isInstanceOf(ImageException.class)
        .hasMessage("config sha256:ab has the key \"User\" twice in one object: the engine's decoder reads both, in "
            + "order, where PodArmor would see only the last; refused");
  }

  /**
   * A tree is built by recursion: the parser's nesting limit bounds it, so the deepest document it takes is read on a
   * small stack, and a deeper one is refused by name, never a stack overflow.
   */
  @Test
  void values_are_bounded_and_a_document_of_more_is_refused_by_name() throws IOException {
    byte[] three = "{\"a\":[1,\"b\"]}".getBytes(StandardCharsets.UTF_8);
    assertThat(Json.tree(three, 4).toString()).isEqualTo("{\"a\":[1,\"b\"]}");
    assertThatThrownBy(() -> Json.tree(three, 3)).isInstanceOf(Json.TooManyValues.class)
        .hasMessage("holds more than 3 JSON values, more than PodArmor reads of one document (one per 512 bytes of "
            + "the heap: a larger -Xmx raises it)");
    byte[] many = ("[" + "0,".repeat((int) Json.maxValues()) + "0]").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Json.parse(many, "config sha256:ab")).isInstanceOf(ImageException.class)
        .hasMessageStartingWith(String.format("config sha256:ab holds more than %,d JSON values", Json.maxValues()));
    assertThatThrownBy(() -> Json.readObject(many, "bundle x.json")).isInstanceOf(ImageException.class)
        .hasMessageStartingWith("bundle x.json holds more than");
  }

  @Test
  void nesting_is_bounded_by_the_parser_and_refused_by_name() throws Exception {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread small = new Thread(null, () -> {
      try {
        JsonNode deepest = Json.parse(("[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.US_ASCII), "x");
        Json.parse(("[".repeat(100_000)).getBytes(StandardCharsets.US_ASCII), "config sha256:ab");
        outcome.set(deepest);
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "small stack", 256 << 10);
    small.start();
    small.join();

    assertThat(outcome.get()).isInstanceOf(ImageException.class);
    assertThat(((ImageException) outcome.get()).getMessage()).startsWith("config sha256:ab is not valid JSON (Document "
        + "nesting depth (1001) exceeds the maximum allowed (1000");
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> valid = value(4);
    Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 40),
        Arbitraries.of("", "}", "]", ",", "x", " {}", "\"", "\\", ":", "\u0000"))
        .as((doc, at, insert) -> {
          int i = Math.min(at, doc.length());
          return doc.substring(0, i) + insert + doc.substring(Math.min(doc.length(), i + (insert.isEmpty() ? 1 : 0)));
        });
    return Arbitraries.oneOf(valid, mutated);
  }

  private Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar = Arbitraries.of("0", "-1", "65532", "2147483647", "2147483648", "-9223372036854775808",
        "9223372036854775808", "123456789012345678901234567890", "1.5", "-0.0", "1e3", "1E-7", "1e400", "true",
        "false", "null", "\"\"", "\"app\"", "\"\\u00e9\\n\\\"\"", "\"\\ud83d\\ude00\"", "\"\u017fer\"");
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> key = Arbitraries.of("a", "b", "User", "user", "", "\\u0041");
    Arbitrary<String> member = Combinators.combine(key, Arbitraries.lazy(() -> value(depth - 1)))
        .as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> object = member.list().ofMaxSize(4).map(m -> "{" + String.join(",", m) + "}");
    Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
        .map(v -> "[" + String.join(",", v) + "]");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(2, object),
        net.jqwik.api.Tuple.of(2, array));
  }

  private static void assertSameTree(JsonNode actual, JsonNode expected, String json) {
    assertThat(actual).as(json).isEqualTo(expected);
    assertThat(actual.getClass()).as("%s: the node for %s", json, expected).isEqualTo(expected.getClass());
    if (expected.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> a = actual.properties().iterator();
      Iterator<Map.Entry<String, JsonNode>> e = expected.properties().iterator();
      while (e.hasNext()) {
        Map.Entry<String, JsonNode> ea = a.next();
        Map.Entry<String, JsonNode> ee = e.next();
        assertThat(ea.getKey()).as(json).isEqualTo(ee.getKey());
        assertSameTree(ea.getValue(), ee.getValue(), json);
      }
    } else if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        assertSameTree(actual.get(i), expected.get(i), json);
      }
    }
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
