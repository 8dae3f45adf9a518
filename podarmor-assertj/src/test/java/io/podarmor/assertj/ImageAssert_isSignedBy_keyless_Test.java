package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import io.podarmor.testing.TestSigstore;
import io.podarmor.testing.TestTimestampAuthority;
import io.podarmor.testing.TestTufRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless (Fulcio certificate) signatures made with a test Sigstore minted here, verified offline against its
 * {@code trusted_root.json}: through the local registry (legacy {@code .sig} tag, bundles via the tag-schema fallback)
 * and an OCI layout; each rejection with its own reason.
 */
class ImageAssert_isSignedBy_keyless_Test {
  static final String EMAIL = "release@acme.example";
  static final String ISSUER = "https://issuer.sigstore.test";
  static final String WORKFLOW = "https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main";

  @TempDir static Path tmp;
  static TestRegistry registry;
  static TestSigstore sigstore;
  static Path trustedRoot;
  static TestSigstore.Signer signer;
  static TrustPolicy policy;

  @BeforeAll
  static void mint() {
    registry = TestRegistry.local();
    sigstore = TestSigstore.create("sigstore");
    trustedRoot = sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"));
    signer = sigstore.leaf(EMAIL, ISSUER).issue();
    policy = TrustPolicy.keyless(EMAIL, ISSUER).withTrustedRoot(trustedRoot);
  }

  /** Pushes a fresh image as {@code sigstore/<repo>:1} (new content each run: the registry keeps old .sig tags). */
  private static TestManifest push(String repo) {
    TestImage image = TestImage.named(SourceImages.PREFIX + "sigstore-" + repo + ":1")
        .layer(io.podarmor.testing.Layer.create().file("/app", "sigstore " + repo + " " + System.nanoTime(), 0755));
    TestManifest m = TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI);
    registry.push("sigstore/" + repo, "1", m);
    return m;
  }

  private static void pushLegacy(String repo, String digest, TestManifest signature) {
    registry.push("sigstore/" + repo, CosignSigner.legacyTag(digest), signature);
  }

  private static ContainerImage image(String repo) {
    return ContainerImage.fromRegistry(registry.host() + "/sigstore/" + repo + ":1");
  }

  private static String rejected(ContainerImage image, TrustPolicy wanted, String where, String reason) {
    return String.format("%nExpecting image:%n  %s%nto be signed by %s%nbut found:%n  %s: %s", name(image), wanted,
        where, reason);
  }

  private static String legacyAt(String digest) {
    return "cosign signature (tag " + CosignSigner.legacyTag(digest) + ", layer 1)";
  }

  // ---- what verifies

  @Test
  void passes_for_a_keyless_legacy_signature_and_reports_the_signer() {
    // GIVEN
    TestManifest m = push("legacy");
    pushLegacy("legacy", m.digest(), signer.legacySignature(registry.host() + "/sigstore/legacy", m.digest()));
    ContainerImage image = image("legacy");
    List<Verdict> records = new ArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(image).isSignedBy(policy);
    } finally {
      registration.close();
    }
    // THEN
    assertThat(policy.verifiedSignatures(image)).singleElement().satisfies(s -> {
      assertThat(s.isKeyless()).isTrue();
      assertThat(s.kind()).isEqualTo(Signature.Kind.LEGACY_COSIGN);
      assertThat(s.identity()).contains(EMAIL);
      assertThat(s.issuer()).contains(ISSUER);
      assertThat(s.integratedTime()).contains(sigstore.integratedTime());
      assertThat(s.signedDigest()).isEqualTo(m.digest());
    });
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.evidence()).containsExactly("signed by " + EMAIL + " (issuer " + ISSUER + ")",
          legacyAt(m.digest()) + " over this manifest " + m.digest());
    });
  }

  @Test
  void passes_for_a_uri_identity_matched_by_regex() {
    // GIVEN: a CI workflow identity (URI SAN) and Fulcio's older issuer extension only
    TestManifest m = push("legacy-uri");
    pushLegacy("legacy-uri", m.digest(), sigstore.leaf(WORKFLOW, ISSUER).issuerV1Only().issue()
        .legacySignature("x", m.digest()));
    ContainerImage image = image("legacy-uri");
    TrustPolicy matching = TrustPolicy.keylessMatching("https://github\\.com/acme/.*", "https://issuer\\..*")
        .withTrustedRoot(trustedRoot);
    // WHEN / THEN
    assertThat(image).isSignedBy(matching);
    assertThat(matching.verifiedSignatures(image)).singleElement().extracting(Signature::signer)
        .isEqualTo(WORKFLOW + " (issuer " + ISSUER + ")");
  }

  @Test
  void passes_for_a_keyless_bundle_found_through_the_tag_schema_fallback() {
    // GIVEN: a cosign v3 bundle (DSSE in-toto statement, inclusion proof and checkpoint)
    TestManifest m = push("bundle");
    TestManifest referrer = CosignSigner.bundleReferrer(signer.bundle(m.digest()), m.mediaType(), m.digest(),
        m.size());
    registry.push("sigstore/bundle", referrer.digest(), referrer);
    registry.push("sigstore/bundle", "sha256-" + TestImage.hex(m.digest()), CosignSigner.fallbackIndex(referrer));
    ContainerImage image = image("bundle");
    // WHEN / THEN
    assertThat(image).isSignedBy(policy);
    assertThat(image).isSignedBy(TrustPolicy.keylessMatching(".*@acme\\.example", ".*").withTrustedRoot(
        trustedRoot));
    assertThat(policy.verifiedSignatures(image)).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Signature.Kind.SIGSTORE_BUNDLE);
      assertThat(s.signer()).isEqualTo(EMAIL + " (issuer " + ISSUER + ")");
      assertThat(s.integratedTime()).contains(sigstore.integratedTime());
    });
  }

  @Test
  void finds_and_verifies_keyless_legacy_and_bundle_signatures_in_an_oci_layout() {
    // GIVEN
    Path layout = SignedImages.image("sigstore-layout").writeOciLayout(tmp.resolve("sigstore-layout"));
    String digest = TestImage.manifestDigestOf(layout);
    CosignSigner.addToLayout(layout, signer.legacySignature("x", digest),
        Map.of("org.opencontainers.image.ref.name", CosignSigner.legacyTag(digest)));
    TestManifest referrer = CosignSigner.bundleReferrer(signer.bundle(digest), TestManifest.OCI_MANIFEST, digest,
        0);
    CosignSigner.addToLayout(layout, referrer, Map.of());
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN
    List<Signature> verified = policy.verifiedSignatures(image);
    // THEN
    assertThat(verified).extracting(Signature::location)
        .containsExactly("tag " + CosignSigner.legacyTag(digest) + ", layer 1", "referrer " + referrer.digest());
    assertThat(verified).allSatisfy(s -> assertThat(s.identity()).contains(EMAIL));
    assertThat(image).isSignedBy(policy);
  }

  // ---- each rejected with its own reason

  @Test
  void fails_for_another_identity() {
    // GIVEN
    TestManifest m = push("wrong-identity");
    pushLegacy("wrong-identity", m.digest(), sigstore.leaf("intruder@evil.example", ISSUER).issue()
        .legacySignature("x", m.digest()));
    ContainerImage image = image("wrong-identity");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "signed by intruder@evil.example (issuer "
            + ISSUER + "), but the policy wants identity " + EMAIL + ", issuer " + ISSUER));
  }

  @Test
  void fails_for_another_issuer() {
    // GIVEN
    TestManifest m = push("wrong-issuer");
    pushLegacy("wrong-issuer", m.digest(), sigstore.leaf(EMAIL, "https://accounts.evil.example").issue()
        .legacySignature("x", m.digest()));
    ContainerImage image = image("wrong-issuer");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "signed by " + EMAIL
            + " (issuer https://accounts.evil.example), but the policy wants identity " + EMAIL + ", issuer "
            + ISSUER));
  }

  @Test
  void fails_when_the_payload_was_tampered_with() {
    // GIVEN
    TestManifest m = push("tampered");
    pushLegacy("tampered", m.digest(), signer.tamperedLegacySignature("x", m.digest()));
    ContainerImage image = image("tampered");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "keyless signature (certificate for " + EMAIL
            + "): the signature does not verify with the certificate's key (payload or signature altered)"));
  }

  @Test
  void a_keyless_signature_over_another_digest_never_counts() {
    // GIVEN: a valid, logged keyless signature of another image, copied under this image's signature tag
    TestManifest m = push("other-digest");
    String otherDigest = "sha256:" + TestImage.hex(SignedImages.image("sigstore-elsewhere").id());
    pushLegacy("other-digest", m.digest(), signer.legacySignature("x", otherDigest));
    ContainerImage image = image("other-digest");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "signs " + otherDigest + ", not this image's "
            + m.digest()));
  }

  @Test
  void fails_when_the_certificate_had_expired_at_the_integrated_time() {
    // GIVEN
    Instant t = sigstore.integratedTime();
    TestManifest m = push("expired");
    pushLegacy("expired", m.digest(), sigstore.leaf(EMAIL, ISSUER)
        .validity(t.minus(2, ChronoUnit.HOURS), t.minus(1, ChronoUnit.HOURS)).issue()
        .legacySignature("x", m.digest()));
    ContainerImage image = image("expired");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "keyless signature (certificate for " + EMAIL
            + "): the certificate was not valid at the log's integrated time " + t + " (valid from "
            + t.minus(2, ChronoUnit.HOURS) + " to " + t.minus(1, ChronoUnit.HOURS) + ")"));
  }

  @Test
  void fails_without_a_transparency_log_entry() {
    // GIVEN
    TestManifest m = push("no-log-entry");
    pushLegacy("no-log-entry", m.digest(), signer.legacySignatureWithoutLogEntry("x", m.digest()));
    ContainerImage image = image("no-log-entry");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "keyless signature (certificate for " + EMAIL
            + "): no transparency-log entry (no dev.sigstore.cosign/bundle annotation)"));
  }

  @Test
  void fails_for_a_bundle_without_a_transparency_log_entry() {
    // GIVEN
    TestManifest m = push("bundle-no-log-entry");
    TestManifest referrer = CosignSigner.bundleReferrer(signer.bundleWithoutLogEntry(m.digest()), m.mediaType(),
        m.digest(), m.size());
    registry.push("sigstore/bundle-no-log-entry", referrer.digest(), referrer);
    registry.push("sigstore/bundle-no-log-entry", "sha256-" + TestImage.hex(m.digest()),
        CosignSigner.fallbackIndex(referrer));
    ContainerImage image = image("bundle-no-log-entry");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, "sigstore bundle (referrer " + referrer.digest() + " via tag sha256-"
            + TestImage.hex(m.digest()) + ")", "keyless signature (certificate for " + EMAIL
            + "): no transparency-log entry (the bundle has no tlogEntries)"));
  }

  @Test
  void fails_for_a_certificate_from_an_untrusted_ca() {
    // GIVEN: a CA outside the trusted root (same identity, logged in the trusted Rekor)
    TestManifest m = push("untrusted-ca");
    pushLegacy("untrusted-ca", m.digest(), sigstore.leaf(EMAIL, ISSUER).issuedBy(TestSigstore.create("sigstore-rogue"))
        .issue().legacySignature("x", m.digest()));
    ContainerImage image = image("untrusted-ca");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "keyless signature (certificate for " + EMAIL
            + "): the certificate does not chain to a Fulcio CA of the trusted root valid when it was issued ("
            + sigstore.integratedTime().minus(1, ChronoUnit.MINUTES) + ")"));
  }

  @Test
  void fails_for_a_certificate_with_a_forged_sct() {
    // GIVEN
    TestManifest m = push("bad-sct");
    pushLegacy("bad-sct", m.digest(), sigstore.leaf(EMAIL, ISSUER).forgedSct().issue()
        .legacySignature("x", m.digest()));
    ContainerImage image = image("bad-sct");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessage(rejected(image, policy, legacyAt(m.digest()), "keyless signature (certificate for " + EMAIL
            + "): the embedded SCT does not verify with a CT log of the trusted root"));
  }

  @Test
  void a_key_based_policy_rejects_a_signature_made_with_another_key() {
    // GIVEN: a key-based signature, checked against a policy with another key
    CosignSigner key = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    Path otherPub = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256).writePublicKey(tmp.resolve("o.pub"));
    TestManifest m = push("wrong-key");
    pushLegacy("wrong-key", m.digest(), key.legacySignature("x", m.digest()));
    ContainerImage image = image("wrong-key");
    TrustPolicy byKey = TrustPolicy.publicKey(otherPub);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(byKey))
        .withMessage(rejected(image, byKey, legacyAt(m.digest()), "signature over " + m.digest()
            + " does not verify with public key " + otherPub));
  }

  @Test
  void a_keyless_signature_checked_against_another_sigstore_root_does_not_count() {
    // GIVEN: a genuine keyless signature, checked against an unrelated trusted root
    TestManifest m = push("other-root");
    pushLegacy("other-root", m.digest(), signer.legacySignature("x", m.digest()));
    ContainerImage image = image("other-root");
    TrustPolicy elsewhere = TrustPolicy.keyless(EMAIL, ISSUER).withTrustedRoot(
        TestSigstore.create("sigstore-elsewhere").writeTrustedRoot(tmp.resolve("elsewhere_root.json")));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(elsewhere))
        .withMessageMatching("(?s).*\\Q" + legacyAt(m.digest()) + ": keyless signature (certificate for " + EMAIL
            + "): the transparency-log entry is from log \\E[0-9a-f]{64}, which is not a tlog of the trusted root");
  }

  /** Pushes a fresh image with this bundle as its cosign v3 signature (a referrer found through the tag schema). */
  private static ContainerImage pushWithBundle(String repo, java.util.function.Function<String, byte[]> bundle) {
    TestManifest m = push(repo);
    TestManifest referrer = CosignSigner.bundleReferrer(bundle.apply(m.digest()), m.mediaType(), m.digest(),
        m.size());
    registry.push("sigstore/" + repo, referrer.digest(), referrer);
    registry.push("sigstore/" + repo, "sha256-" + TestImage.hex(m.digest()), CosignSigner.fallbackIndex(referrer));
    return image(repo);
  }

  @Test
  void a_keyless_policy_without_a_trusted_root_verifies_against_the_root_its_tuf_repository_serves() throws Exception {
    // GIVEN: no trusted_root.json given; a TUF repository (served here) delivers it, trusted from its initial root
    ContainerImage image = pushWithBundle("bundle-tuf", signer::bundle);
    try (TestTufRepository tuf = TestTufRepository.create(java.nio.file.Files.readAllBytes(trustedRoot))) {
      TrustPolicy viaTuf = TrustPolicy.keyless(EMAIL, ISSUER).withTufMirror(tuf.start(),
          tuf.initialRoot(tmp.resolve("tuf-initial-root.json")));
      String cache = tmp.resolve("tuf-cache").toString();
      try (Verdicts.Registration settings = Verdicts.configure(
          key -> java.util.Optional.ofNullable(Map.of("podarmor.trust.tuf-cache", cache).get(key)))) {
        // WHEN / THEN
        assertThat(image).isSignedBy(viaTuf);
        assertThat(tmp.resolve("tuf-cache").resolve("127.0.0.1_" + tuf.mirror().getPort()).resolve("targets")
            .resolve("trusted_root.json")).hasSameBinaryContentAs(trustedRoot);
      }
    }
  }

  @Test
  void passes_for_a_rekor_v2_bundle_timestamped_by_a_trusted_authority() throws Exception {
    // GIVEN: cosign against Rekor v2: a dsse 0.0.2 entry with no integrated time or SET, the time from an RFC 3161 TSA
    TestTimestampAuthority tsa = TestTimestampAuthority.create("tsa-e2e");
    Path withTsa = tsa.addTo(sigstore.writeTrustedRoot(tmp.resolve("trusted_root_tsa.json")));
    TrustPolicy timestamped = TrustPolicy.keyless(EMAIL, ISSUER).withTrustedRoot(withTsa);
    ContainerImage image = pushWithBundle("bundle-rekor-v2", d -> signer.rekorV2Bundle(d, tsa));
    // WHEN / THEN
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThat(image).isSignedBy(timestamped);
    assertThat(timestamped.verifiedSignatures(image)).singleElement().satisfies(s -> {
      assertThat(s.signer()).isEqualTo(EMAIL + " (issuer " + ISSUER + ")");
      assertThat(s.integratedTime()).hasValueSatisfying(t -> assertThat(t).isBetween(before.minusSeconds(60),
          Instant.now()));
    });
  }

  @Test
  void fails_for_a_rekor_v2_bundle_without_a_timestamp() {
    // GIVEN: a Rekor v2 entry (no SET, no integrated time) and no RFC 3161 timestamp: nothing proves the signing time
    ContainerImage image = pushWithBundle("bundle-rekor-v2-untimed", d -> signer.rekorV2Bundle(d, null));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessageEndingWith(": keyless signature (certificate for " + EMAIL + "): the bundle has neither a signed"
            + " entry timestamp (SET) nor an RFC 3161 timestamp: nothing proves when it was signed");
  }
}
