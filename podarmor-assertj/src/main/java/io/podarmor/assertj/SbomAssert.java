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
import java.util.stream.Collectors;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

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
    requireSbom();
    return decided("isValid()", "be a valid " + actual.format(), actual.isValid()
        ? pass(actual.format() + " valid") : fail(actual.problems(), shouldBeValidSbom(actual)));
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
    requireSbom();
    ContainerImage img = requireImage("describesImage()");
    return decided("describesImage()", "describe image " + img.digest(),
        actual.describedDigests().contains(img.digest()) ? pass(actual.format() + " describes " + img.digest())
            : fail(List.of("describes " + (actual.describedDigests().isEmpty() ? "no digest"
                : String.join(", ", actual.describedDigests()))), shouldDescribeImage(actual, img)));
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
    requireSbom();
    ContainerImage img = requireImage("coversInstalledPackages()");
    return decided("coversInstalledPackages()", "list every package installed in the image", coverage(img));
  }

  private Result coverage(ContainerImage img) {
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
    return missing.isEmpty() ? pass(actual.format() + " lists all " + installed.size() + " installed packages")
        : fail(missing, shouldCoverInstalledPackages(actual, img, missing));
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
    requireSbom();
    List<SbomPackage> named = named(name);
    boolean absent = named.isEmpty() || (version != null
        && named.stream().noneMatch(p -> p.version().filter(version::equals).isPresent()));
    List<String> found = named.isEmpty() ? List.of("no package named " + name + " among " + actual.packages().size())
        : named.stream().map(SbomPackage::toString).toList();
    return decided("containsPackage(" + expected.replace(' ', ',') + ")", "contain package " + expected,
        absent ? fail(found, shouldContainSbomPackage(actual, expected, found)) : pass(found.get(0)));
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
    requireSbom();
    List<String> found = named(name).stream().map(p -> p + p.purl().map(u -> " (" + u + ")").orElse("")).toList();
    return decided("doesNotContainPackage(" + name + ")", "not contain package " + name, found.isEmpty()
        ? pass("no package named " + name) : fail(found, shouldNotContainSbomPackage(actual, name, found)));
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
    requireSbom();
    ContainerImage img = requireImage("isAttestedBy(TrustPolicy)");
    List<Sbom> candidates = new ArrayList<>(List.of(actual));
    if (found != null) {
      found.sboms().stream().filter(s -> s != actual && s.format() == actual.format()).forEach(candidates::add);
    }
    AttestedSboms.Result result = AttestedSboms.check(img, policy, candidates, found);
    Result decision = result.undecidable() != null ? undecided(result.undecidable())
        : result.isAttested() ? pass("attested by " + result.signature().signer(), result.sbom() + " over "
            + result.signature().signedDigest())
        : fail(result.rejected(), shouldBeAttestedBy(actual, img, policy, result.rejected()));
    decided("isAttestedBy(" + policy + ")", "have an SBOM attested by " + policy, decision);
    return result.sbom() == actual ? myself : chained(softly, result.sbom(), img, found, null);
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

  /** How a step ended: passed (no failure) or failed with a message; evidence for either; or undecided. */
  private record Result(Outcome outcome, List<String> evidence, ErrorMessageFactory failure) {}

  private static Result pass(String... evidence) {
    return new Result(Outcome.PASSED, List.of(evidence), null);
  }

  private static Result fail(List<String> evidence, ErrorMessageFactory failure) {
    return new Result(Outcome.FAILED, evidence, failure);
  }

  private static Result undecided(String reason) {
    return new Result(Outcome.CANNOT_DECIDE, List.of(reason), null);
  }

  /**
   * Records the step's verdict on the image (an SBOM checked on its own, without an image, has none) and fails when
   * it failed or could not decide.
   */
  private SbomAssert decided(String assertion, String expectation, Result result) {
    if (image != null) {
      Verdicts.record(new Verdict(image.reference(), image.digest(), Property.SBOM, "", assertion, result.outcome(),
          expectation, result.evidence(), "static: the " + actual.format() + " document"));
    }
    if (result.outcome() == Outcome.CANNOT_DECIDE) {
      throwAssertionError(cannotDecide(image, expectation, result.evidence()));
    } else if (result.outcome() == Outcome.FAILED) {
      throwAssertionError(result.failure());
    }
    return myself;
  }
}
