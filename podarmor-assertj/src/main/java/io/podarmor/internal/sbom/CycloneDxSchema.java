package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.oci.Json;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.podarmor.supplychain.SbomFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

  private CycloneDxSchema() {}

  static List<String> validate(JsonNode root, SbomFormat format, String source) {
    Set<ValidationMessage> errors;
    try {
      JsonSchema schema = switch (format) {
        case CYCLONEDX_1_4 -> V14.SCHEMA;
        case CYCLONEDX_1_5 -> V15.SCHEMA;
        case CYCLONEDX_1_6 -> V16.SCHEMA;
        default -> throw new IllegalArgumentException(format + " is not CycloneDX");
      };
      errors = schema.validate(root);
    } catch (RuntimeException | LinkageError e) {
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

  private static JsonSchema load(Version version) {
    try {
      return new JsonParser().getJsonSchema(version, Json.mapper());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the CycloneDX " + version.getVersionString() + " schema", e);
    }
  }

  /** Each schema is loaded on its first use: a holder per version. */
  private static final class V14 {
    static final JsonSchema SCHEMA = load(Version.VERSION_14);
  }

  private static final class V15 {
    static final JsonSchema SCHEMA = load(Version.VERSION_15);
  }

  private static final class V16 {
    static final JsonSchema SCHEMA = load(Version.VERSION_16);
  }
}
