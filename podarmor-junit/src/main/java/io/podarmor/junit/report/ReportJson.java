package io.podarmor.junit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
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
      for (Property p : image.chips()) {
        if (image.status(p) == PropertyStatus.PASSED) {
          chips.addObject().put("property", p.key()).put("label", p.label()).put("detail", image.chipDetail(p))
              .put("waivers", image.waivers(p));
        }
      }
      ArrayNode props = i.putArray("properties");
      for (Property p : image.properties()) {
        PropertyStatus status = image.status(p);
        ObjectNode pn = props.addObject();
        pn.put("property", p.key());
        pn.put("label", p.label());
        pn.put("meaning", p.meaning());
        pn.put("status", status.json());
        pn.put("verifiedBy", status == PropertyStatus.NOT_CHECKED ? "" : image.verifiedBy(p));
        pn.put("waivers", image.waivers(p));
        ArrayNode checks = pn.putArray("checks");
        for (Verdict v : image.checks(p)) {
          ObjectNode c = checks.addObject();
          c.put("assertion", v.assertion());
          c.put("test", image.test(v));
          if (!v.cisItem().isEmpty()) {
            c.put("cisItem", v.cisItem());
          }
          c.put("outcome", v.outcome().json());
          c.put("expectation", v.expectation());
          c.put("method", v.method());
          ArrayNode evidence = c.putArray("evidence");
          if (v.outcome() == Outcome.WAIVED) {
            c.put("waiverReason", v.waiverReason());
          } else {
            v.evidence().forEach(evidence::add);
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
