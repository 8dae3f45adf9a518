package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.supplychain.SbomFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;

/** Validates a CycloneDX JSON document against the JSON schema of its declared spec version. */
final class CycloneDxSchema {
  /** How many schema errors a report names; the rest are counted. */
  static final int SHOWN = 5;

  private CycloneDxSchema() {}

  static List<String> validate(JsonNode root, SbomFormat format, String source) {
    Version version = switch (format) {
      case CYCLONEDX_1_4 -> Version.VERSION_14;
      case CYCLONEDX_1_5 -> Version.VERSION_15;
      case CYCLONEDX_1_6 -> Version.VERSION_16;
      default -> throw new IllegalArgumentException(format + " is not CycloneDX");
    };
    List<ParseException> errors;
    try {
      errors = new JsonParser().validate(root, version);
    } catch (IOException | RuntimeException e) {
      return List.of("cannot validate against the CycloneDX " + format.specVersion() + " schema: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    errors.stream().map(ParseException::getMessage).sorted().limit(SHOWN)
        .forEach(m -> problems.add("not valid against the CycloneDX " + format.specVersion() + " schema: " + m));
    if (errors.size() > SHOWN) {
      problems.add("... and " + (errors.size() - SHOWN) + " more schema errors");
    }
    return problems;
  }
}
