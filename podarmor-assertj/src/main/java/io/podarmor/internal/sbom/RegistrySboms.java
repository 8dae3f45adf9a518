package io.podarmor.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podarmor.image.ImageException;
import io.podarmor.internal.registry.OciDescriptor;
import io.podarmor.internal.registry.RegistryClient;
import io.podarmor.internal.registry.RegistryManifest;
import io.podarmor.internal.registry.RegistryOrigin;
import io.podarmor.supplychain.Sbom;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SBOMs attached in a registry: BuildKit attestation manifests in the image's index, OCI referrers (with the {@code sha256-<hex>} tag fallback) of an SBOM artifact
 * type, {@code cosign attach sbom} ({@code sha256-<hex>.sbom}) and cosign attestations ({@code sha256-<hex>.att},
 * DSSE envelopes with an in-toto statement; read unsigned, signatures are not verified here).
 */
final class RegistrySboms {
  static final long MAX_SBOM_BYTES = 64L * 1024 * 1024;
  static final Set<String> SBOM_TYPES = Set.of("application/spdx+json", "text/spdx+json",
      "application/vnd.cyclonedx+json", "application/vnd.syft+json",
      "application/vnd.dev.cosign.artifact.sbom.v1+json");
  static final Set<String> SBOM_PREDICATES = Set.of("https://spdx.dev/Document", "https://cyclonedx.org/bom",
      "https://cyclonedx.org/specification/cyclonedx-1.5", "https://cyclonedx.org/specification/cyclonedx-1.6");
  private static final String DSSE = "application/vnd.dsse.envelope.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RegistrySboms() {}

  static void find(RegistryOrigin origin, List<Sbom> sboms, List<String> rejected, List<String> routes) {
    RegistryClient client = origin.client();
    String repo = origin.reference().registry() + "/" + origin.reference().repository();
    Set<String> digests = new LinkedHashSet<>();
    digests.add(origin.manifestDigest());
    origin.indexDigest().ifPresent(digests::add);
    origin.indexDigest().ifPresent(index -> buildKit(origin, index, repo, sboms, rejected, routes));
    for (String digest : digests) {
      String tag = digest.replace(':', '-');
      routes.add("OCI referrers of " + repo + "@" + digest + " (and the " + tag + " tag)");
      try {
        for (OciDescriptor d : client.referrers(origin.reference(), digest, null).descriptors()) {
          if (!SBOM_TYPES.contains(String.valueOf(d.artifactType()))) {
            continue;
          }
          RegistryManifest m = client.manifest(origin.reference(), d.digest());
          layers(origin, m, "referrer " + d.digest(), sboms, rejected, false);
        }
      } catch (ImageException e) {
        rejected.add("referrers of " + digest + ": " + e.getMessage());
      }
      for (String suffix : List.of(".sbom", ".att")) {
        routes.add("cosign tag " + repo + ":" + tag + suffix);
        try {
          Optional<RegistryManifest> m = client.findManifest(origin.reference(), tag + suffix);
          if (m.isPresent()) {
            layers(origin, m.get(), "cosign tag " + tag + suffix, sboms, rejected, suffix.equals(".att"));
          }
        } catch (ImageException e) {
          rejected.add("cosign tag " + tag + suffix + ": " + e.getMessage());
        }
      }
    }
  }

  /** BuildKit: the index's attestation manifest whose reference digest is this platform's manifest. */
  private static void buildKit(RegistryOrigin origin, String index, String repo, List<Sbom> sboms,
      List<String> rejected, List<String> routes) {
    routes.add("BuildKit attestation manifests in the index " + repo + "@" + index);
    try {
      RegistryManifest idx = origin.client().manifest(origin.reference(), index);
      for (JsonNode entry : idx.json().path("manifests")) {
        JsonNode a = entry.path("annotations");
        if ("attestation-manifest".equals(a.path("vnd.docker.reference.type").asText())
            && origin.manifestDigest().equals(a.path("vnd.docker.reference.digest").asText())) {
          String digest = entry.path("digest").asText();
          RegistryManifest m = origin.client().manifest(origin.reference(), digest);
          int i = 0;
          for (JsonNode layer : m.json().path("layers")) {
            OciDescriptor d = OciDescriptor.parse(layer, "attestation manifest " + digest + " layer " + i);
            String source = "BuildKit attestation " + digest + " layer " + i++ + " (" + d.digest() + ")";
            if (!SBOM_PREDICATES.contains(d.annotations().getOrDefault("in-toto.io/predicate-type", ""))) {
              continue;
            }
            try {
              byte[] bytes = origin.client().blobBytes(origin.reference(), d.digest(), d.size(), MAX_SBOM_BYTES,
                  source);
              fromStatement(bytes, source, false).ifPresent(sboms::add);
            } catch (IllegalArgumentException | ImageException e) {
              rejected.add(e.getMessage());
            }
          }
        }
      }
    } catch (ImageException e) {
      rejected.add("index " + index + ": " + e.getMessage());
    }
  }

  private static void layers(RegistryOrigin origin, RegistryManifest m, String where, List<Sbom> sboms,
      List<String> rejected, boolean attestations) {
    int i = 0;
    for (JsonNode layer : m.json().path("layers")) {
      OciDescriptor d = OciDescriptor.parse(layer, where + " layer " + i);
      String source = where + " layer " + i++ + " (" + d.digest() + ")";
      boolean dsse = DSSE.equals(d.mediaType());
      if (!dsse && (attestations || !SBOM_TYPES.contains(d.mediaType())
          && !SBOM_TYPES.contains(String.valueOf(m.artifactType())))) {
        continue;
      }
      try {
        byte[] bytes = origin.client().blobBytes(origin.reference(), d.digest(), d.size(), MAX_SBOM_BYTES, source);
        if (dsse) {
          fromStatement(bytes, source, true).ifPresent(sboms::add);
        } else {
          sboms.add(SbomParser.parse(bytes, source));
        }
      } catch (IllegalArgumentException | ImageException e) {
        rejected.add(e.getMessage());
      }
    }
  }

  /** The SBOM predicate of an in-toto statement in a DSSE envelope; the statement's subjects count as described. */
  private static Optional<Sbom> fromStatement(byte[] bytes, String source, boolean dsse) {
    JsonNode statement;
    try {
      statement = dsse
          ? MAPPER.readTree(Base64.getDecoder().decode(MAPPER.readTree(bytes).path("payload").asText("")))
          : MAPPER.readTree(bytes);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("attestation from " + source + " is not "
          + (dsse ? "a DSSE envelope with a base64 in-toto statement: " : "an in-toto statement: ")
          + e.getMessage());
    }
    if (statement == null || !SBOM_PREDICATES.contains(statement.path("predicateType").asText())) {
      return Optional.empty();
    }
    Sbom sbom;
    try {
      sbom = SbomParser.parse(MAPPER.writeValueAsBytes(statement.path("predicate")),
          "in-toto attestation " + source);
    } catch (IOException e) {
      throw new IllegalArgumentException("attestation from " + source + ": " + e.getMessage());
    }
    List<String> described = new ArrayList<>(sbom.describedDigests());
    for (JsonNode subject : statement.path("subject")) {
      String hex = subject.path("digest").path("sha256").asText("");
      if (!hex.isEmpty() && !described.contains("sha256:" + hex)) {
        described.add("sha256:" + hex);
      }
    }
    return Optional.of(new Sbom(sbom.format(), described, sbom.packages(), sbom.source(), sbom.problems(),
        sbom.document()));
  }
}
