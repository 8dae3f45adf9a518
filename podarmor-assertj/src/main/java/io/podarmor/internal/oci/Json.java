package io.podarmor.internal.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.image.ImageException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PodArmor's one JSON configuration ({@link #tree} and {@link #mapper()}: a key repeated in one object is refused,
 * for every document PodArmor reads), and image JSON (configs, manifests, indexes, {@code manifest.json}) read the
 * way the engine's Go decoder fills its structs, failing with errors that name the document:
 *
 * <ul>
 *   <li>a struct field matches its key case-insensitively ({@code user} is {@code User}), and Go also folds
 *       {@code ſ} to {@code s} and the Kelvin sign to {@code k}. When two keys of one object match the same field,
 *       Go takes the last, an order PodArmor cannot see reliably: such a document is refused, naming both keys;
 *   <li>a value of the wrong type makes Go's decoder, and so the engine, refuse the document: so does PodArmor;
 *   <li>map keys (labels, annotations) are exact;
 *   <li>a key repeated exactly in one object is refused too: Go reads each occurrence in turn (so an earlier one can
 *       make it fail, or fill a field a later one leaves alone), while a parsed tree keeps the last.
 * </ul>
 */
public final class Json {
  /** The parser factory trees are read with: it refuses a key repeated in one object. */
  private static final JsonFactory TREES = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Json() {}

  /**
   * The data-binding mapper, for documents read into types or written: it refuses a key repeated in one object
   * (Go's decoder reads every occurrence, a tree keeps only the last). Built on first use: {@link #parse} and
   * {@link #readObject} build trees without it, which a fresh JVM does several times faster.
   */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * The document as a tree, read as {@code ObjectMapper.readTree} reads it (its first value; whole numbers as int,
   * long or big integer nodes by size, other numbers as doubles; a missing node for no content) straight from the
   * parser, without recursion: the parser's nesting limit refuses a deeper document, and no depth it takes can
   * overflow the reading thread's stack.
   */
  public static JsonNode tree(byte[] bytes) throws IOException {
    return tree(bytes, maxValues());
  }

  /** {@link #tree}, refusing a document of more than {@code maxValues} values. */
  static JsonNode tree(byte[] bytes, long maxValues) throws IOException {
    try (JsonParser parser = TREES.createParser(bytes)) {
      Deque<ContainerNode<?>> open = new ArrayDeque<>();
      long values = 0;
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY
            && ++values > maxValues) {
          throw new TooManyValues(maxValues);
        }
        JsonNode node;
        switch (t) {
          case FIELD_NAME -> {
            continue; // taken with its value
          }
          case END_OBJECT, END_ARRAY -> {
            ContainerNode<?> done = open.pop();
            if (open.isEmpty()) {
              return done;
            }
            continue;
          }
          case START_OBJECT -> node = JsonNodeFactory.instance.objectNode();
          case START_ARRAY -> node = JsonNodeFactory.instance.arrayNode();
          default -> node = scalar(parser, t);
        }
        ContainerNode<?> parent = open.peek();
        if (parent instanceof ObjectNode object) {
          object.set(parser.currentName(), node);
        } else if (parent instanceof ArrayNode array) {
          array.add(node);
        } else if (!node.isContainerNode()) {
          return node; // a document that is one scalar
        }
        if (node instanceof ContainerNode<?> container) {
          open.push(container);
        }
      }
      return MissingNode.getInstance(); // no content (the parser refuses a document that ends inside a value)
    }
  }

  /**
   * The values one tree may hold: one per 512 bytes of the maximum heap, at least 262,144 (524,288 under
   * {@code -Xmx256m}); a value costs some tens of bytes in a tree, and a few KB of gzip can spell millions of them.
   */
  public static long maxValues() {
    return Math.max(262_144, Runtime.getRuntime().maxMemory() / 512);
  }

  /** A document of more values than {@link #maxValues()}: its message reads after the document's name. */
  public static final class TooManyValues extends IOException {
    private static final long serialVersionUID = 1L;

    TooManyValues(long max) {
      super(String.format(Locale.ROOT, "holds more than %,d JSON values, more than PodArmor reads of one document "
          + "(one per 512 bytes of the heap: a larger -Xmx raises it)", max));
    }
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (token) {
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> nodes.numberNode(parser.getIntValue());
        case LONG -> nodes.numberNode(parser.getLongValue());
        default -> nodes.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new JsonParseException(parser, "unexpected " + token);
    };
  }

  public static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode node = tree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new ImageException(what + " is empty, expected a JSON document");
      }
      return node;
    } catch (TooManyValues e) {
      throw new ImageException(what + " " + e.getMessage(), e);
    } catch (IOException e) {
      String message = firstLine(e.getMessage());
      if (message.startsWith("Duplicate field '")) {
        String key = message.substring("Duplicate field '".length(), message.indexOf('\'', 17));
        throw new ImageException(what + " has the key \"" + key + "\" twice in one object: the engine's decoder "
            + "reads both, in order, where PodArmor would see only the last; refused", e);
      }
      throw new ImageException(what + " is not valid JSON (" + message + ")", e);
    }
  }

  /**
   * Any other JSON document that must be an object (signatures, SBOMs, bundles, trusted roots, credentials), read
   * as a tree (see {@link #tree}).
   *
   * @throws ImageException naming the document when it is not JSON, not an object, or repeats a key in one object
   */
  public static JsonNode readObject(byte[] bytes, String what) {
    try {
      JsonNode node = tree(bytes);
      if (node == null || !node.isObject()) {
        throw new ImageException(what + " is not a JSON object");
      }
      return node;
    } catch (TooManyValues e) {
      throw new ImageException(what + " " + e.getMessage(), e);
    } catch (IOException e) {
      String message = firstLine(e.getMessage());
      throw new ImageException(what + (message.startsWith("Duplicate field '") ? " repeats a key in one object ("
          + message + "), which readers may take differently; refused" : " is not valid JSON (" + message + ")"), e);
    }
  }

  /**
   * The value of the struct field {@code name} in {@code object}, matched as Go matches it; {@code null} when the
   * field is absent or JSON {@code null}.
   *
   * @param where the object's place in the document for errors, e.g. {@code config} ({@code ""} for the root)
   * @throws ImageException when two keys match the field
   */
  public static JsonNode field(JsonNode object, String name, String what, String where) {
    if (object == null || !object.isObject()) {
      return null;
    }
    String found = null;
    JsonNode value = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (foldEquals(e.getKey(), name)) {
        if (found != null) {
          throw new ImageException(what + " has both \"" + found + "\" and \"" + e.getKey() + "\" in "
              + (where.isEmpty() ? "its top level" : where) + ": the engine's JSON decoder matches keys to its field "
              + name + " without regard to case and keeps the last, so the document is ambiguous; refused");
        }
        found = e.getKey();
        value = e.getValue();
      }
    }
    return value == null || value.isNull() ? null : value;
  }

  /** A string field, or {@code null}. */
  public static String text(JsonNode object, String name, String what, String where) {
    JsonNode v = typed(object, name, what, where, JsonNode::isTextual, "a string");
    return v == null ? null : v.textValue();
  }

  public static String requireText(JsonNode object, String name, String what, String where) {
    String v = text(object, name, what, where);
    if (v == null || v.isEmpty()) {
      throw new ImageException(what + " has no '" + name + "'");
    }
    return v;
  }

  /** An object field, or {@code null}. */
  public static JsonNode object(JsonNode object, String name, String what, String where) {
    JsonNode v = field(object, name, what, where);
    if (v != null && !v.isObject()) {
      throw wrongType(what, where, name, v, "an object");
    }
    return v;
  }

  /** An array field, or {@code null}. */
  public static JsonNode array(JsonNode object, String name, String what, String where) {
    JsonNode v = field(object, name, what, where);
    if (v != null && !v.isArray()) {
      throw wrongType(what, where, name, v, "an array");
    }
    return v;
  }

  /** An array of strings ({@code null} elements are empty strings, as Go decodes them), or {@code null}. */
  public static List<String> strings(JsonNode object, String name, String what, String where) {
    JsonNode v = array(object, name, what, where);
    return v == null ? null : elements(v, name, what, where);
  }

  /** Docker's {@code StrSlice} ({@code Cmd}, {@code Entrypoint}): one string or an array of strings. */
  public static List<String> strSlice(JsonNode object, String name, String what, String where) {
    JsonNode v = field(object, name, what, where);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      return List.of(v.textValue());
    }
    if (!v.isArray()) {
      throw wrongType(what, where, name, v, "a string or an array of strings");
    }
    return elements(v, name, what, where);
  }

  /** A map of strings to strings (exact keys), empty when absent. */
  public static Map<String, String> stringMap(JsonNode object, String name, String what, String where) {
    JsonNode v = object(object, name, what, where);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        JsonNode value = e.getValue();
        if (!value.isTextual() && !value.isNull()) {
          throw wrongType(what, where + "." + name, e.getKey(), value, "a string");
        }
        out.put(e.getKey(), value.isNull() ? "" : value.textValue());
      }
    }
    return out;
  }

  /** A whole number, or {@code null}. */
  public static Long number(JsonNode object, String name, String what, String where) {
    JsonNode v = field(object, name, what, where);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(what, where, name, v, "a whole number");
    }
    return v.longValue();
  }

  /** A boolean, {@code false} when absent. */
  public static boolean bool(JsonNode object, String name, String what, String where) {
    JsonNode v = typed(object, name, what, where, JsonNode::isBoolean, "true or false");
    return v != null && v.booleanValue();
  }

  /** The field when it has the expected type, {@code null} when absent; else the engine's refusal. */
  private static JsonNode typed(JsonNode object, String name, String what, String where,
      java.util.function.Predicate<JsonNode> type, String expected) {
    JsonNode v = field(object, name, what, where);
    if (v != null && !type.test(v)) {
      throw wrongType(what, where, name, v, expected);
    }
    return v;
  }

  /**
   * True when Go's decoder matches the key to the field: equal ignoring ASCII case, with {@code ſ} (U+017F) taken as
   * {@code s} and the Kelvin sign (U+212A) as {@code k}, the only non-ASCII letters Unicode folds to ASCII ones.
   */
  public static boolean foldEquals(String key, String field) {
    if (key.length() != field.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (fold(key.charAt(i)) != fold(field.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char fold(char c) {
    if (c >= 'a' && c <= 'z') {
      return (char) (c - ('a' - 'A'));
    }
    if (c == '\u017f') {
      return 'S';
    }
    if (c == '\u212a') {
      return 'K';
    }
    return c;
  }

  private static List<String> elements(JsonNode array, String name, String what, String where) {
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (n.isNull()) {
        out.add("");
      } else if (n.isTextual()) {
        out.add(n.textValue());
      } else {
        throw wrongType(what, where, name, n, "an array of strings");
      }
    }
    return out;
  }

  private static ImageException wrongType(String what, String where, String name, JsonNode v, String expected) {
    String type = v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.isArray() ? "an array"
        : v.isObject() ? "an object" : v.isTextual() ? "a string" : v.getNodeType().toString().toLowerCase();
    return new ImageException(what + ": " + (where.isEmpty() ? "" : where + ".") + name + " is " + type
        + ", expected " + expected + " (the engine's decoder refuses it)");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
