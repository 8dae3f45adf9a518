package io.podarmor.assertj;

import static io.podarmor.assertj.ImageAssert_hasSbom_registry_Test.spdx;
import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.FakeRegistry;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import io.podarmor.testing.TestSigstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SbomAssert.isAttestedBy}: SBOMs from cosign attestations signed with a real ECDSA P-256 key, through the
 * local registry (tag fallback), a registry with the referrers API and an OCI layout; each rejection pinned.
 */
class SbomAssert_isAttestedBy_Test {
  static final TestRegistry REGISTRY = TestRegistry.local();
  static final String OTHER = "sha256:" + "0e".repeat(32);
  @TempDir static Path tmp;
  static CosignSigner signer;
  static TrustPolicy policy;
  static Path otherPub;

  @BeforeAll
  static void keys() {
    signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    policy = TrustPolicy.publicKey(signer.writePublicKey(tmp.resolve("cosign.pub")));
    otherPub = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256).writePublicKey(tmp.resolve("other.pub"));
  }

  /** Pushes the dpkg test image as {@code attest/<name>:1}; returns its digest. */
  static String push(String repo) {
    return REGISTRY.push(repo, "1", TestManifest.of(PackageImages.DPKG, TestImage.Compression.GZIP,
        TestManifest.Format.OCI));
  }

  static ContainerImage fromRegistry(String repo, String digest) {
    return ContainerImage.fromRegistry(REGISTRY.host() + "/" + repo + "@" + digest);
  }

  /** An SPDX statement about {@code subject} whose SBOM lists every installed package. */
  static byte[] spdxStatement(String subject) {
    return SbomAttestations.statement(subject, SbomAttestations.SPDX, spdx(TestImage.hex(subject), true));
  }

  /** The SBOM and attestation lines of a pinned failure. */
  static String failure(ContainerImage image, String sbom, TrustPolicy by, String... reasons) {
    return String.format("%nExpecting SBOM:%n  %s%nof image:%n  %s%nto come from an attestation signed by %s whose"
        + " in-toto subject names the image%nbut found:%n  %s", sbom, name(image), by,
        String.join(String.format("%n  "), reasons));
  }

  static String attSource(String digest, byte[] envelope) {
    return "cosign tag " + digest.replace(':', '-') + ".att layer 0 (" + TestImage.sha256(envelope) + ")";
  }

  /** Attaches {@code envelope} under the cosign {@code .att} tag of {@code digest} in {@code repo}; the image. */
  static ContainerImage withAtt(String repo, String digest, byte[] envelope) {
    REGISTRY.push(repo, digest.replace(':', '-') + ".att", SbomAttestations.legacyAtt(envelope, digest));
    return fromRegistry(repo, digest);
  }

  /** {@code isAttestedBy(by)} on the SPDX SBOM read from the {@code .att} {@code envelope} fails for {@code reason}. */
  static void assertAttRejected(ContainerImage image, byte[] envelope, TrustPolicy by, String reason) {
    String sbom = "SPDX 2.3 (in-toto attestation " + attSource(image.digest(), envelope) + ")";
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(by))
        .withMessage(failure(image, sbom, by, sbom + ": " + reason));
  }

  // ---- passes

  @Test
  void a_signed_legacy_attestation_passes_is_preferred_over_an_unsigned_sbom_and_is_recorded_with_its_signer() {
    // GIVEN: an SBOM under the .sbom tag that misses openssl, and a signed .att that lists it
    String repo = "attest/legacy";
    String digest = push(repo);
    REGISTRY.push(repo, digest.replace(':', '-') + ".sbom", TestManifest.artifact("application/spdx+json",
        "application/spdx+json", spdx(TestImage.hex(digest), false).getBytes(StandardCharsets.UTF_8),
        TestManifest.OCI_MANIFEST, digest, 1, Map.of()));
    ContainerImage image = withAtt(repo, digest, SbomAttestations.signed(signer, spdxStatement(digest)));
    List<Verdict> records = new ArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN / THEN: the .sbom one comes first, the attested one is checked from here on
      assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(policy).describesImage().coversInstalledPackages()
          .satisfies(s -> assertThat(s.source()).startsWith("in-toto attestation cosign tag "));
    } finally {
      registration.close();
    }
    assertThat(records).filteredOn(r -> r.assertion().startsWith("isAttestedBy")).singleElement().satisfies(r -> {
      assertThat(r.property()).isEqualTo(Property.SBOM);
      assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.assertion()).isEqualTo("isAttestedBy(" + policy + ")");
      assertThat(r.evidence()).first().isEqualTo("attested by key " + signer.fingerprint().substring(0, 19));
    });
  }

  @Test
  void the_signature_may_sit_in_the_layer_annotation() {
    String repo = "attest/annotation";
    String digest = push(repo);
    byte[] statement = spdxStatement(digest);
    SbomAttestations.pushAnnotatedAtt(REGISTRY, repo, digest, statement, signer.sign(SbomAttestations.pae(statement)));

    assertThat(fromRegistry(repo, digest)).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(policy).coversInstalledPackages();
  }

  @Test
  void a_cyclonedx_bundle_attestation_found_through_the_tag_fallback_passes() {
    // GIVEN: a cosign v3 bundle (predicate https://cyclonedx.org/bom/v1.5) and the sha256-<hex> referrers index
    String repo = "attest/bundle-fallback";
    String digest = push(repo);
    ContainerImage image = fromRegistry(repo, digest);
    byte[] statement = SbomAttestations.statement(digest, SbomAttestations.CYCLONEDX_V15,
        new String(Sbom.of(image).document(), StandardCharsets.UTF_8));
    TestManifest referrer = SbomAttestations.bundleReferrer(SbomAttestations.bundle(signer, statement, statement),
        SbomAttestations.CYCLONEDX_V15, digest, 1);
    REGISTRY.push(repo, referrer.digest(), referrer);
    REGISTRY.push(repo, digest.replace(':', '-'), CosignSigner.fallbackIndex(referrer));

    // WHEN / THEN
    assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5).isAttestedBy(policy).isValid().describesImage()
        .coversInstalledPackages()
        .satisfies(s -> assertThat(s.source()).isEqualTo("in-toto attestation sigstore bundle referrer "
            + referrer.digest()));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.CYCLONEDX_1_5)
            .isAttestedBy(TrustPolicy.publicKey(otherPub)))
        .withMessage(failure(image, "CycloneDX 1.5 (in-toto attestation sigstore bundle referrer " + referrer.digest()
            + ")", TrustPolicy.publicKey(otherPub), "CycloneDX 1.5 (in-toto attestation sigstore bundle referrer "
            + referrer.digest() + "): signature over " + digest + " does not verify with public key " + otherPub));
  }

  @Test
  void a_keyless_bundle_attestation_passes_for_its_signer_and_names_the_signer_another_identity_does_not_accept() {
    // GIVEN: an SPDX attestation signed keyless (Fulcio-style certificate, Rekor entry) by a Sigstore minted here
    TestSigstore sigstore = TestSigstore.create("attest");
    Path root = sigstore.writeTrustedRoot(tmp.resolve("attest-trusted_root.json"));
    TestSigstore.Signer keyless = sigstore.leaf("sbom@acme.example", "https://issuer.acme.example").issue();
    String repo = "attest/keyless";
    String digest = push(repo);
    byte[] statement = spdxStatement(digest);
    TestManifest referrer = SbomAttestations.bundleReferrer(keyless.bundleOver(statement), SbomAttestations.SPDX,
        digest, 1);
    REGISTRY.push(repo, referrer.digest(), referrer);
    REGISTRY.push(repo, digest.replace(':', '-'), CosignSigner.fallbackIndex(referrer));
    ContainerImage image = fromRegistry(repo, digest);
    TrustPolicy signerPolicy = TrustPolicy.keyless("sbom@acme.example", "https://issuer.acme.example")
        .withTrustedRoot(root);
    TrustPolicy otherPolicy = TrustPolicy.keyless("release@acme.example", "https://issuer.acme.example")
        .withTrustedRoot(root);
    String sbom = "SPDX 2.3 (in-toto attestation sigstore bundle referrer " + referrer.digest() + ")";

    // WHEN / THEN
    assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(signerPolicy).describesImage()
        .coversInstalledPackages();
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(otherPolicy))
        .withMessage(failure(image, sbom, otherPolicy, sbom + ": signed by sbom@acme.example (issuer"
            + " https://issuer.acme.example), but the policy wants " + otherPolicy));
  }

  @Test
  void a_bundle_attestation_served_by_the_referrers_api_passes() {
    try (FakeRegistry fake = FakeRegistry.start().referrersApi()) {
      TestManifest m = TestManifest.of(PackageImages.DPKG, TestImage.Compression.GZIP, TestManifest.Format.OCI);
      String digest = fake.push("attest/referrers-api", m.digest(), m);
      byte[] statement = spdxStatement(digest);
      TestManifest referrer = SbomAttestations.bundleReferrer(SbomAttestations.bundle(signer, statement, statement),
          SbomAttestations.SPDX, digest, m.size());
      fake.push("attest/referrers-api", referrer.digest(), referrer);
      ContainerImage image = ContainerImage.fromRegistry(fake.reference("attest/referrers-api@" + digest));

      assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(policy).describesImage().coversInstalledPackages();
      assertThat(fake.requests()).anySatisfy(r -> assertThat(r.uri).contains("/referrers/" + digest));
    }
  }

  @Test
  void an_oci_layout_holds_a_bundle_attestation_next_to_an_unsigned_sbom_referrer() {
    // GIVEN: index.json lists an SPDX referrer and a bundle attestation, both with the image as subject
    Path layout = PackageImages.DPKG.writeOciLayout(tmp.resolve("attest-layout"));
    String digest = TestImage.manifestDigestOf(layout);
    byte[] document = spdx(TestImage.hex(digest), true).getBytes(StandardCharsets.UTF_8);
    TestManifest plain = TestManifest.artifact("application/spdx+json", "application/spdx+json", document,
        TestManifest.OCI_MANIFEST, digest, 1, Map.of());
    CosignSigner.addToLayout(layout, plain, Map.of());
    byte[] statement = spdxStatement(digest);
    TestManifest bundle = SbomAttestations.bundleReferrer(SbomAttestations.bundle(signer, statement, statement),
        SbomAttestations.SPDX, digest, 1);
    CosignSigner.addToLayout(layout, bundle, Map.of());
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    String dir = image.reference();

    // WHEN / THEN: both are found; only the bundle is attested
    String plainSbom = "SPDX 2.3 (referrer " + plain.digest() + " in " + dir + " layer 0 (" + TestImage.sha256(document)
        + "))";
    String bundleSbom = "SPDX 2.3 (in-toto attestation sigstore bundle referrer " + bundle.digest() + " in " + dir + ")";
    assertThat(image).hasSbom(SbomFormat.SPDX_2_3).describesImage().coversInstalledPackages()
        .satisfies(s -> assertThat(s.toString()).isEqualTo(plainSbom))
        .isAttestedBy(policy).satisfies(s -> assertThat(s.toString()).isEqualTo(bundleSbom));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(TrustPolicy.publicKey(otherPub)))
        .withMessage(failure(image, plainSbom, TrustPolicy.publicKey(otherPub),
            plainSbom + ": not from a cosign attestation (a sha256-<hex>.att DSSE envelope or a sigstore bundle),"
                + " so nothing signs it",
            bundleSbom + ": signature over " + digest + " does not verify with public key " + otherPub));
  }

  @Test
  void an_oci_layout_holds_a_legacy_att_manifest_under_its_cosign_ref_name() {
    Path layout = PackageImages.DPKG.writeOciLayout(tmp.resolve("attest-layout-att"));
    String digest = TestImage.manifestDigestOf(layout);
    byte[] envelope = SbomAttestations.signed(signer, spdxStatement(digest));
    CosignSigner.addToLayout(layout, SbomAttestations.legacyAtt(envelope, digest),
        Map.of("org.opencontainers.image.ref.name", digest.replace(':', '-') + ".att"));
    ContainerImage image = ContainerImage.fromOciLayout(layout);

    assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(policy).coversInstalledPackages()
        .satisfies(s -> assertThat(s.toString()).isEqualTo("SPDX 2.3 (in-toto attestation cosign tag "
            + digest.replace(':', '-') + ".att in " + image.reference() + " layer 0 (" + TestImage.sha256(envelope)
            + "))"));
  }

  // ---- rejections

  @Test
  void an_unsigned_attestation_is_rejected() {
    String repo = "attest/unsigned";
    String digest = push(repo);
    byte[] envelope = SbomAttestations.envelope(spdxStatement(digest), null).getBytes(StandardCharsets.UTF_8);

    assertAttRejected(withAtt(repo, digest, envelope), envelope, policy, "unsigned attestation: its DSSE envelope"
        + " carries no signature, and the layer no dev.cosignproject.cosign/signature annotation");
  }

  @Test
  void an_attestation_signed_with_another_key_is_rejected() {
    String repo = "attest/wrong-key";
    String digest = push(repo);
    byte[] envelope = SbomAttestations.signed(signer, spdxStatement(digest));

    assertAttRejected(withAtt(repo, digest, envelope), envelope, TrustPolicy.publicKey(otherPub),
        "signature over " + digest + " does not verify with public key " + otherPub);
  }

  @Test
  void a_tampered_statement_is_rejected() {
    // GIVEN: the signature was made over a statement without openssl; the stored one lists it
    String repo = "attest/tampered";
    String digest = push(repo);
    byte[] signedStatement = SbomAttestations.statement(digest, SbomAttestations.SPDX,
        spdx(TestImage.hex(digest), false));
    byte[] stored = spdxStatement(digest);
    byte[] envelope = SbomAttestations.envelope(stored, signer.sign(SbomAttestations.pae(signedStatement)))
        .getBytes(StandardCharsets.UTF_8);

    assertAttRejected(withAtt(repo, digest, envelope), envelope, policy,
        "signature over " + digest + " does not verify with " + policy);
  }

  @Test
  void an_attestation_whose_subject_names_another_digest_is_rejected() {
    String repo = "attest/other-subject";
    String digest = push(repo);
    byte[] envelope = SbomAttestations.signed(signer, spdxStatement(OTHER));

    assertAttRejected(withAtt(repo, digest, envelope), envelope, policy,
        "its in-toto subject names " + OTHER + ", not this image's " + digest);
  }

  @Test
  void an_sbom_attached_under_the_sbom_tag_is_not_an_attestation() {
    String repo = "attest/sbom-tag";
    String digest = push(repo);
    byte[] document = spdx(TestImage.hex(digest), true).getBytes(StandardCharsets.UTF_8);
    REGISTRY.push(repo, digest.replace(':', '-') + ".sbom", TestManifest.artifact("application/spdx+json",
        "application/spdx+json", document, TestManifest.OCI_MANIFEST, digest, 1, Map.of()));
    ContainerImage image = fromRegistry(repo, digest);
    String sbom = "SPDX 2.3 (cosign tag " + digest.replace(':', '-') + ".sbom layer 0 (" + TestImage.sha256(document)
        + "))";

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(policy))
        .withMessage(failure(image, sbom, policy, sbom + ": not from a cosign attestation (a sha256-<hex>.att DSSE"
            + " envelope or a sigstore bundle), so nothing signs it"));
  }

  @Test
  void sbom_files_in_the_image_or_given_by_the_user_are_not_attestations() throws Exception {
    Path layout = ImageAssert_hasSbom_Test.WITH_SBOMS.writeOciLayout(tmp.resolve("attest-in-image"));
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    String sbom = "SPDX 2.3 (in-image file /usr/share/sbom/app.spdx.json)";
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(policy))
        .withMessage(failure(image, sbom, policy, sbom + ": not from a cosign attestation (a sha256-<hex>.att DSSE"
            + " envelope or a sigstore bundle), so nothing signs it"));

    Path file = Files.writeString(tmp.resolve("attest-user.spdx.json"), spdx(TestImage.hex(image.digest()), true));
    String given = "SPDX 2.3 (file " + file + ")";
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> new SbomAssert(Sbom.fromFile(file), image).isAttestedBy(policy))
        .withMessage(failure(image, given, policy, given + ": not from a cosign attestation (a sha256-<hex>.att DSSE"
            + " envelope or a sigstore bundle), so nothing signs it"));
  }

  @Test
  void an_unreadable_key_cannot_decide() {
    String repo = "attest/legacy-missing-key";
    String digest = push(repo);
    ContainerImage image = withAtt(repo, digest, SbomAttestations.signed(signer, spdxStatement(digest)));
    Path missing = tmp.resolve("missing.pub");
    TrustPolicy broken = TrustPolicy.publicKey(missing);

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isAttestedBy(broken))
        .withMessage(String.format("%nExpecting image:%n  %s%nto have an SBOM attested by %s%nbut could not decide:"
            + "%n  cannot read public key %s (NoSuchFileException)", name(image), broken, missing));
  }
}
