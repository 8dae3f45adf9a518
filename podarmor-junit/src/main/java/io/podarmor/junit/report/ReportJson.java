package io.podarmor.junit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.internal.record.CheckRecord;
import java.time.Instant;
import java.util.List;

/** Renders {@code report.json}; its schema is documented in {@code docs/report-schema.md}. */
final class ReportJson {
  static final String SCHEMA_VERSION = "1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  static String render(List<HardeningReport.ImageResults> images, Instant generatedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("generatedAt", generatedAt.toString());
    ArrayNode imageNodes = root.putArray("images");
    for (HardeningReport.ImageResults image : images) {
      ObjectNode i = imageNodes.addObject();
      i.put("reference", image.reference());
      image.references.forEach(i.putArray("references")::add);
      i.put("digest", image.digest);
      ArrayNode chips = i.putArray("chips");
      for (ReportProperty p : ReportProperty.CHIPS) {
        if (image.status(p) == PropertyStatus.PASSED) {
          chips.addObject().put("property", p.key).put("label", p.label).put("detail", image.chipDetail(p))
              .put("waivers", image.waivers(p));
        }
      }
      ArrayNode props = i.putArray("properties");
      for (ReportProperty p : ReportProperty.values()) {
        PropertyStatus status = image.status(p);
        ObjectNode pn = props.addObject();
        pn.put("property", p.key);
        pn.put("label", p.label);
        pn.put("meaning", p.meaning);
        pn.put("status", status.json());
        pn.put("verifiedBy", status == PropertyStatus.PASSED ? image.verifiedBy(p) : "");
        pn.put("waivers", image.waivers(p));
        ArrayNode checks = pn.putArray("checks");
        for (CheckRecord r : image.checks.getOrDefault(p, List.of())) {
          ObjectNode c = checks.addObject();
          c.put("assertion", r.assertion());
          c.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
          c.put("method", r.method());
          r.evidence().forEach(c.putArray("evidence")::add);
          if (r.waiverReason() != null) {
            c.put("waiverReason", r.waiverReason());
          }
        }
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render report.json", e);
    }
  }
}
