package io.podarmor.assertj;

import static io.podarmor.assertj.error.CannotDecide.cannotDecide;
import static io.podarmor.assertj.error.ShouldBeAttestedBy.shouldBeAttestedBy;
import static io.podarmor.assertj.error.ShouldBeValidSbom.shouldBeValidSbom;
import static io.podarmor.assertj.error.ShouldContainSbomPackage.shouldContainSbomPackage;
import static io.podarmor.assertj.error.ShouldCoverInstalledPackages.shouldCoverInstalledPackages;
import static io.podarmor.assertj.error.ShouldDescribeImage.shouldDescribeImage;
import static io.podarmor.assertj.error.ShouldNotContainSbomPackage.shouldNotContainSbomPackage;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.record.Checks;
import io.podarmor.internal.record.Properties;
import io.podarmor.internal.sbom.AttestedSboms;
import io.podarmor.internal.sbom.SbomDiscovery;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomPackage;
import io.podarmor.supplychain.TrustPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an SBOM document, usually reached through {@code assertThat(image).hasSbom(SbomFormat.SPDX_2_3)}.
 *
 * <pre>{@code
 * assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isValid().describesImage().coversInstalledPackages();
 * }</pre>
 */
public class SbomAssert extends AbstractAssert<SbomAssert, Sbom> {
  // not final: a soft-assertion proxy is made by its one-argument constructor, then given these (see chained)
  private ContainerImage image;
  /** What {@code hasSbom} discovered (the SBOMs of the image and the attestations they came from), or null. */
  private SbomDiscovery.Found found;
  /** The soft assertions this chain collects into, or null. */
  private PodArmorSoftAssertions softly;
  /** Under soft assertions, the format {@code hasSbom} found no SBOM in; the steps then fail saying so. */
  private String missingFormat;

  /** Assertions on an SBOM on its own; {@link #describesImage()} and {@link #coversInstalledPackages()} need an image. */
  public SbomAssert(Sbom actual) {
    this(actual, null);
  }

  /** Assertions on the SBOM {@code actual} of {@code image}. */
  public SbomAssert(Sbom actual, ContainerImage image) {
    this(actual, image, null);
  }

  /** Assertions on {@code actual}, one of the SBOMs discovery {@code found} for {@code image}. */
  SbomAssert(Sbom actual, ContainerImage image, SbomDiscovery.Found found) {
    super(actual, SbomAssert.class);
    this.image = image;
    this.found = found;
  }

  /**
   * The assertions a chain continues with: under soft assertions a collecting proxy, so {@code hasSbom(…).isValid()}
   * and the SBOM {@code isAttestedBy} picks keep collecting failures.
   */
  static SbomAssert chained(PodArmorSoftAssertions softly, Sbom sbom, ContainerImage image, SbomDiscovery.Found found,
      String missingFormat) {
    SbomAssert next = softly == null ? new SbomAssert(sbom) : softly.proxy(SbomAssert.class, Sbom.class, sbom);
    next.image = image;
    next.found = found;
    next.softly = softly;
    next.missingFormat = missingFormat;
    return next;
  }

  /**
   * Verifies that the document satisfies its format: the CycloneDX JSON schema of its spec version, or SPDX 2.3's
   * required fields.
   *
   * <pre>{@code
   * assertThat(sbom).isValid();  // fails for an SPDX document without "dataLicense": missing "dataLicense"
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SbomAssert isValid() {
    return recorded("isValid()", () -> {
      requireSbom();
      if (!actual.isValid()) {
        throwAssertionError(shouldBeValidSbom(actual));
      }
      Checks.passEvidence(actual.format() + " valid");
      return myself;
    });
  }

  /**
   * Verifies that the SBOM's subject (SPDX: the described package; CycloneDX: the metadata component) names the
   * image's digest.
   *
   * <pre>{@code
   * assertThat(image).hasSbom(SbomFormat.SPDX_2_3).describesImage();  // fails for an SBOM of another digest
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SbomAssert describesImage() {
    return recorded("describesImage()", () -> {
      requireSbom();
      ContainerImage img = requireImage("describesImage()");
      if (!actual.describedDigests().contains(img.digest())) {
        throwAssertionError(shouldDescribeImage(actual, img));
      }
      Checks.passEvidence(actual.format() + " describes " + img.digest());
      return myself;
    });
  }

  /**
   * Verifies that every package in the image's own package databases appears in the SBOM with the same version,
   * matched by purl (without qualifiers) or by name.
   *
   * <pre>{@code
   * assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).coversInstalledPackages();
   * // fails: missing: openssl 3.0.11-1~deb12u2 (pkg:deb/debian/openssl@...)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SbomAssert coversInstalledPackages() {
    return recorded("coversInstalledPackages()", () -> {
      requireSbom();
      ContainerImage img = requireImage("coversInstalledPackages()");
      List<String> missing = new ArrayList<>();
      List<String> differs = new ArrayList<>();
      List<InstalledPackage> installed = img.packages();
      Set<String> purls = new HashSet<>();
      actual.packages().forEach(s -> s.purl().map(SbomAssert::withoutQualifiers).ifPresent(purls::add));
      Map<String, List<SbomPackage>> byName = actual.packages().stream()
          .collect(Collectors.groupingBy(SbomPackage::name));
      for (InstalledPackage p : installed) {
        if (purls.contains(withoutQualifiers(p.purl()))) {
          continue;
        }
        List<SbomPackage> named = byName.getOrDefault(p.name(), List.of());
        if (named.stream().anyMatch(s -> s.version().filter(p.version()::equals).isPresent())) {
          continue;
        }
        if (named.isEmpty()) {
          missing.add("missing: " + p.name() + " " + p.version() + " (" + p.purl() + ")");
        } else {
          differs.add("differs: " + p.name() + " " + p.version() + " installed, "
              + String.join(", ", named.stream().map(s -> s.version().orElse("no version")).toList())
              + " in the SBOM");
        }
      }
      missing.addAll(differs);
      if (!missing.isEmpty()) {
        throwAssertionError(shouldCoverInstalledPackages(actual, img, missing));
      }
      Checks.passEvidence(actual.format() + " lists all " + installed.size() + " installed packages");
      return myself;
    });
  }

  /**
   * Verifies that the SBOM lists a package of this name, in any version.
   *
   * <pre>{@code
   * assertThat(sbom).containsPackage("openssl");  // fails when the SBOM lists no openssl
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SbomAssert containsPackage(String name) {
    return containsPackage(name, null);
  }

  /**
   * Verifies that the SBOM lists a package of this name and version.
   *
   * <pre>{@code
   * assertThat(sbom).containsPackage("openssl", "3.0.11-1~deb12u2");  // fails when only 3.0.9 is listed
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SbomAssert containsPackage(String name, String version) {
    Objects.requireNonNull(name, "name");
    String expected = version == null ? name : name + " " + version;
    return recorded("containsPackage(" + expected.replace(' ', ',') + ")", () -> {
      requireSbom();
      List<SbomPackage> named = named(name);
      if (named.isEmpty() || (version != null
          && named.stream().noneMatch(p -> p.version().filter(version::equals).isPresent()))) {
        throwAssertionError(shouldContainSbomPackage(actual, expected, named.isEmpty()
            ? List.of("no package named " + name + " among " + actual.packages().size())
            : named.stream().map(SbomPackage::toString).toList()));
      }
      return myself;
    });
  }

  /**
   * Verifies that the SBOM lists no package of this name.
   *
   * <pre>{@code
   * assertThat(sbom).doesNotContainPackage("bash");  // fails when the SBOM lists bash
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SbomAssert doesNotContainPackage(String name) {
    Objects.requireNonNull(name, "name");
    return recorded("doesNotContainPackage(" + name + ")", () -> {
      requireSbom();
      List<SbomPackage> named = named(name);
      if (!named.isEmpty()) {
        throwAssertionError(shouldNotContainSbomPackage(actual, name,
            named.stream().map(p -> p + p.purl().map(u -> " (" + u + ")").orElse("")).toList()));
      }
      return myself;
    });
  }

  // --- attestations ---

  /**
   * Verifies that an SBOM of this format came from a cosign attestation signed under {@code policy} whose in-toto
   * subject names the image: a legacy {@code sha256-<hex>.att} DSSE envelope or a Sigstore bundle v0.3 referrer,
   * with an SPDX or CycloneDX predicate. This SBOM is tried first, then the image's other SBOMs of the same format;
   * the returned assertions are on the one that verified. SBOM files, referrers and {@code .sbom} tags are signed by
   * nothing and never pass.
   *
   * <pre>{@code
   * assertThat(image).hasSbom(SbomFormat.SPDX_2_3)
   *     .isAttestedBy(TrustPolicy.publicKey(Path.of("cosign.pub")))   // passes: cosign attest --key cosign.key
   *     .coversInstalledPackages();
   * // fails for an unsigned attestation, another key, an altered statement or a subject naming another digest
   * }</pre>
   *
   * @param policy whose signature counts
   * @return assertions on the attested SBOM
   */
  public SbomAssert isAttestedBy(TrustPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return recorded("isAttestedBy(" + policy + ")", () -> {
      requireSbom();
      ContainerImage img = requireImage("isAttestedBy(TrustPolicy)");
      List<Sbom> candidates = new ArrayList<>(List.of(actual));
      if (found != null) {
        found.sboms().stream().filter(s -> s != actual && s.format() == actual.format()).forEach(candidates::add);
      }
      AttestedSboms.Result result = AttestedSboms.check(img, policy, candidates, found);
      String expectation = "have an SBOM attested by " + policy;
      if (result.undecidable() != null) {
        throwAssertionError(cannotDecide(img, expectation, List.of(result.undecidable())));
      }
      if (!result.isAttested()) {
        throwAssertionError(shouldBeAttestedBy(actual, img, policy, result.rejected()));
      }
      Checks.passEvidence("attested by " + result.signature().signer(), result.sbom() + " over "
          + result.signature().signedDigest());
      return result.sbom() == actual ? myself : chained(softly, result.sbom(), img, found, null);
    });
  }

  /** Fails when there is no SBOM to check: none given, or (softly) none found by {@code hasSbom}. */
  private void requireSbom() {
    if (actual == null && missingFormat != null && image != null) {
      throwAssertionError(cannotDecide(image, "have an SBOM in format " + missingFormat + " to check",
          List.of("hasSbom(" + missingFormat + ") found none")));
    }
    isNotNull();
  }

  private List<SbomPackage> named(String name) {
    return actual.packages().stream().filter(p -> p.name().equals(name)).toList();
  }

  private ContainerImage requireImage(String assertion) {
    if (image == null) {
      throw new IllegalStateException(assertion + " needs the image: use assertThat(image).hasSbom(format)"
          + " or new SbomAssert(sbom, image)");
    }
    return image;
  }

  private static String withoutQualifiers(String purl) {
    int q = purl.indexOf('?');
    return q < 0 ? purl : purl.substring(0, q);
  }

  private SbomAssert recorded(String assertion, Supplier<SbomAssert> body) {
    if (image == null || actual == null) {
      return body.get();
    }
    return Checks.run(image.reference(), image.digest(), Properties.SBOM, assertion,
        "static: the " + actual.format() + " document", body);
  }
}
