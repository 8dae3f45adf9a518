package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.podarmor.supplychain.SbomFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * Validates a CycloneDX JSON document against the JSON schema of its declared spec version. Each version's schema is
 * loaded once per JVM, and the document's parsed tree is validated as it is (the library's
 * {@code JsonParser.validate(JsonNode, Version)} would load the schema again and re-serialize and re-parse the tree).
 */
final class CycloneDxSchema {
  /** How many schema errors a report names; the rest are counted. */
  static final int SHOWN = 5;
  private static final Map<Version, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private CycloneDxSchema() {}

  static List<String> validate(JsonNode root, SbomFormat format, String source) {
    Version version = switch (format) {
      case CYCLONEDX_1_4 -> Version.VERSION_14;
      case CYCLONEDX_1_5 -> Version.VERSION_15;
      case CYCLONEDX_1_6 -> Version.VERSION_16;
      default -> throw new IllegalArgumentException(format + " is not CycloneDX");
    };
    Set<ValidationMessage> errors;
    try {
      errors = schema(version).validate(root);
    } catch (IOException | RuntimeException e) {
      return List.of("cannot validate against the CycloneDX " + format.specVersion() + " schema: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    errors.stream().map(ValidationMessage::getMessage).sorted().limit(SHOWN)
        .forEach(m -> problems.add("not valid against the CycloneDX " + format.specVersion() + " schema: " + m));
    if (errors.size() > SHOWN) {
      problems.add("... and " + (errors.size() - SHOWN) + " more schema errors");
    }
    return problems;
  }

  private static JsonSchema schema(Version version) throws IOException {
    JsonSchema schema = SCHEMAS.get(version);
    if (schema == null) {
      schema = new JsonParser().getJsonSchema(version, new ObjectMapper());
      SCHEMAS.putIfAbsent(version, schema);
    }
    return schema;
  }
}
