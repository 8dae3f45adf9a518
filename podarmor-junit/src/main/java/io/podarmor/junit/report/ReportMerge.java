package io.podarmor.junit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges the {@code report.json} of several runs (the shards of a CI matrix, the modules of a build) into one
 * hardening report: {@code report.json}, {@code report.html} with its fleet overview, and the badges, as one run
 * writes them. Every check of every input counts: a property that failed in one input fails in the merge.
 *
 * <pre>{@code
 * java -cp "$(cat cp.txt)" io.podarmor.junit.report.ReportMerge target/podarmor-fleet shard-*\/target/podarmor
 * }</pre>
 */
public final class ReportMerge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportMerge() {}

  /**
   * {@code ReportMerge <output dir> <report.json or a directory holding one>...}: writes the merged report and prints
   * its path; exits 2 with a message naming the input when one cannot be read.
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ReportMerge <output dir> <report.json or directory holding one>...");
      System.exit(2);
    }
    try {
      List<Path> inputs = Arrays.stream(args).skip(1).map(Path::of).toList();
      Path html = merge(Path.of(args[0]), inputs);
      System.out.println("PodArmor hardening report: " + html.toAbsolutePath().toUri());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Writes the merged report of {@code inputs} (each a {@code report.json} or a directory holding one) into
   * {@code outputDir}.
   *
   * @return the HTML report's path
   * @throws IllegalArgumentException naming the input and what was expected when one cannot be read
   */
  public static Path merge(Path outputDir, List<Path> inputs) {
    HardeningReport merged = new HardeningReport();
    for (Path input : inputs) {
      read(Files.isDirectory(input) ? input.resolve("report.json") : input, merged);
    }
    return merged.writeTo(outputDir);
  }

  private static void read(Path file, HardeningReport into) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the PodArmor report " + file + " (" + e.getClass()
          .getSimpleName() + "); expected a report.json a PodArmor run wrote");
    }
    if (root == null || !ReportJson.SCHEMA_VERSION.equals(root.path("schemaVersion").asText(""))) {
      throw new IllegalArgumentException("the PodArmor report " + file + " has schemaVersion '"
          + (root == null ? "" : root.path("schemaVersion").asText("")) + "'; expected " + ReportJson.SCHEMA_VERSION);
    }
    for (JsonNode image : root.path("images")) {
      String reference = image.path("reference").asText("");
      String digest = image.path("digest").asText("");
      for (JsonNode p : image.path("properties")) {
        Property property;
        try {
          property = property(p);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("the PodArmor report " + file + " has an unusable property of image "
              + reference + " (" + e.getMessage() + ")");
        }
        for (JsonNode c : p.path("checks")) {
          into.add(verdict(file, reference, digest, property, c), c.path("test").asText(""));
        }
      }
      List<String> references = new ArrayList<>();
      image.path("references").forEach(r -> references.add(r.asText()));
      into.alsoKnownAs(digest.isEmpty() ? reference : digest, references);
    }
  }

  private static Property property(JsonNode p) {
    String key = p.path("property").asText("");
    return Property.BUILT_IN.stream().filter(b -> b.key().equals(key)).findFirst()
        .orElseGet(() -> Property.of(key, p.path("label").asText(key), p.path("meaning").asText("")));
  }

  private static Verdict verdict(Path file, String reference, String digest, Property property, JsonNode c) {
    String said = c.path("outcome").asText("");
    Outcome outcome = Arrays.stream(Outcome.values()).filter(o -> o.json().equals(said)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the PodArmor report " + file + " has a check of "
            + property.key() + " on " + reference + " with outcome '" + said + "'; expected one of "
            + Arrays.stream(Outcome.values()).map(Outcome::json).toList()));
    List<String> evidence = new ArrayList<>();
    if (outcome == Outcome.WAIVED) {
      evidence.add(c.path("waiverReason").asText(""));
    } else {
      c.path("evidence").forEach(e -> evidence.add(e.asText()));
    }
    return new Verdict(reference, digest, property, c.path("cisItem").asText(""), c.path("assertion").asText(""),
        outcome, c.path("expectation").asText(""), evidence, c.path("method").asText(""));
  }
}
