package io.podarmor.internal.sbom;

import io.podarmor.internal.oci.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.supplychain.SbomPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses SPDX 2.3 and CycloneDX 1.4–1.6 JSON documents into {@link Sbom}s, collecting validation problems. */
public final class SbomParser {
  private static final Pattern DIGEST = Pattern.compile("sha256(?::|%3A|%3a)([0-9a-f]{64})");

  private SbomParser() {}

  /** Reads a file given by the user. */
  public static Sbom parseFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read SBOM file " + file + ": " + e, e);
    }
    return parse(bytes, "file " + file);
  }

  /**
   * Parses a document found at {@code source}.
   *
   * @throws IllegalArgumentException naming the source when it is not JSON or neither SPDX nor CycloneDX
   */
  public static Sbom parse(byte[] json, String source) {
    return parse(tree(json, source), json, source, List.of());
  }

  /**
   * Parses a document already read as {@code root} (its bytes are {@code json}), that also describes
   * {@code alsoDescribed} (e.g. an in-toto statement's subjects) after the digests it names itself.
   *
   * @throws IllegalArgumentException naming the source when it is neither SPDX nor CycloneDX
   */
  static Sbom parse(JsonNode root, byte[] json, String source, Collection<String> alsoDescribed) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("SBOM from " + source + " is not a JSON object");
    }
    if (root.has("spdxVersion")) {
      return spdx(root, source, json, alsoDescribed);
    }
    if ("CycloneDX".equals(root.path("bomFormat").asText(null))) {
      return cyclonedx(root, source, json, alsoDescribed);
    }
    throw new IllegalArgumentException("SBOM from " + source
        + " is neither SPDX (no \"spdxVersion\") nor CycloneDX (no \"bomFormat\": \"CycloneDX\")");
  }

  private static JsonNode tree(byte[] json, String source) {
    JsonNode root;
    try {
      root = Json.tree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("SBOM from " + source + " is not valid JSON: " + describe(e), null);
    } catch (Json.TooManyValues e) {
      throw new IllegalArgumentException("SBOM from " + source + " " + e.getMessage(), null);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read SBOM from " + source + ": " + e, null);
    }
    return root;
  }

  /** A JSON syntax error in one line: Jackson's own message and where, without its source excerpt. */
  static String describe(JsonProcessingException e) {
    return e.getLocation() == null ? e.getOriginalMessage() : e.getOriginalMessage() + " at line "
        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static Sbom spdx(JsonNode root, String source, byte[] json, Collection<String> alsoDescribed) {
    String version = root.path("spdxVersion").asText("");
    if (!version.equals("SPDX-2.3")) {
      throw new IllegalArgumentException("SBOM from " + source + " declares spdxVersion \"" + version
          + "\"; supported: SPDX-2.3");
    }
    List<String> problems = new ArrayList<>();
    requireText(root, "SPDXID", "SPDXRef-DOCUMENT", problems, "");
    requireText(root, "dataLicense", null, problems, "");
    requireText(root, "name", null, problems, "");
    requireText(root, "documentNamespace", null, problems, "");
    JsonNode creation = root.path("creationInfo");
    if (!creation.isObject()) {
      problems.add("missing \"creationInfo\"");
    } else {
      requireText(creation, "created", null, problems, "creationInfo.");
      if (!creation.path("creators").isArray() || creation.path("creators").isEmpty()) {
        problems.add("missing \"creationInfo.creators\"");
      }
    }
    List<SbomPackage> packages = new ArrayList<>();
    JsonNode pkgs = root.path("packages");
    if (!pkgs.isMissingNode() && !pkgs.isArray()) {
      problems.add("\"packages\" is not an array");
      pkgs = MissingNode.getInstance();
    }
    for (int i = 0; i < pkgs.size(); i++) {
      JsonNode p = pkgs.get(i);
      String where = "packages[" + i + "].";
      requireText(p, "SPDXID", null, problems, where);
      requireText(p, "name", null, problems, where);
      requireText(p, "downloadLocation", null, problems, where);
      if (p.hasNonNull("name")) {
        packages.add(new SbomPackage(p.get("name").asText(), text(p, "versionInfo"), spdxPurl(p)));
      }
    }
    Set<String> described = new LinkedHashSet<>();
    root.path("documentDescribes").forEach(n -> described.add(n.asText()));
    root.path("relationships").forEach(r -> {
      if ("DESCRIBES".equals(r.path("relationshipType").asText())
          && "SPDXRef-DOCUMENT".equals(r.path("spdxElementId").asText())) {
        described.add(r.path("relatedSpdxElement").asText());
      }
    });
    if (described.isEmpty()) {
      problems.add("no \"DESCRIBES\" relationship from SPDXRef-DOCUMENT and no \"documentDescribes\"");
    }
    Set<String> digests = new LinkedHashSet<>();
    for (JsonNode p : pkgs) {
      if (described.contains(p.path("SPDXID").asText())) {
        digestsIn(p.toString(), digests);
        p.path("checksums").forEach(c -> {
          if ("SHA256".equals(c.path("algorithm").asText())) {
            digests.add("sha256:" + c.path("checksumValue").asText());
          }
        });
      }
    }
    digests.addAll(alsoDescribed);
    return new Sbom(SbomFormat.SPDX_2_3, List.copyOf(digests), packages, source, problems, json);
  }

  private static Sbom cyclonedx(JsonNode root, String source, byte[] json,
      Collection<String> alsoDescribed) {
    String version = root.path("specVersion").asText("");
    SbomFormat format;
    try {
      format = SbomFormat.of("CycloneDX", version);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SBOM from " + source + " declares CycloneDX specVersion \"" + version
          + "\"; supported: 1.4, 1.5, 1.6");
    }
    List<String> problems = new ArrayList<>(CycloneDxSchema.validate(root, format, source));
    List<SbomPackage> packages = new ArrayList<>();
    collectComponents(root.path("components"), packages);
    Set<String> digests = new LinkedHashSet<>();
    JsonNode subject = root.path("metadata").path("component");
    if (!subject.isMissingNode()) {
      digestsIn(subject.toString(), digests);
    }
    digests.addAll(alsoDescribed);
    return new Sbom(format, List.copyOf(digests), packages, source, problems, json);
  }

  /** The named components, nested ones too; what the schema rejects (no name, not an array) it reports. */
  private static void collectComponents(JsonNode components, List<SbomPackage> out) {
    if (!components.isArray()) {
      return;
    }
    for (JsonNode c : components) {
      if (c.path("name").isTextual()) {
        out.add(new SbomPackage(c.get("name").asText(), text(c, "version"), text(c, "purl")));
      }
      collectComponents(c.path("components"), out);
    }
  }

  private static String spdxPurl(JsonNode p) {
    for (JsonNode ref : p.path("externalRefs")) {
      if ("purl".equals(ref.path("referenceType").asText())) {
        return text(ref, "referenceLocator");
      }
    }
    return null;
  }

  private static void digestsIn(String text, Set<String> out) {
    Matcher m = DIGEST.matcher(text);
    while (m.find()) {
      out.add("sha256:" + m.group(1));
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static void requireText(JsonNode n, String field, String expected, List<String> problems,
      String prefix) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      problems.add("missing \"" + prefix + field + "\"");
    } else if (expected != null && !expected.equals(v.asText())) {
      problems.add("\"" + prefix + field + "\" is \"" + v.asText() + "\", expected \"" + expected + "\"");
    }
  }
}
