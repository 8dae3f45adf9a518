package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.internal.signature.TrustSettings;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import io.podarmor.testing.TestSigstore;
import io.podarmor.testing.TestTimestampAuthority;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-based signatures under a policy with a trusted root, as {@code cosign verify --key} checks them by default: the
 * signature must also carry a transparency-log entry, signed by a Rekor key of the trusted root, that logs this very
 * signature under this key; without a trusted root the key alone decides. Through the local registry (legacy
 * {@code .sig} tag, bundles via the tag-schema fallback) and an OCI layout.
 */
class ImageAssert_isSignedBy_keyTlog_Test {
  @TempDir static Path tmp;
  static TestRegistry registry;
  static TestSigstore sigstore;
  static Path trustedRoot;
  static CosignSigner signer;
  static Path pub;
  static TrustPolicy keyOnly;
  static TrustPolicy logged;

  @BeforeAll
  static void mint() {
    registry = TestRegistry.local();
    sigstore = TestSigstore.create("tlogkey");
    trustedRoot = sigstore.writeTrustedRoot(tmp.resolve("trusted_root.json"));
    signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    pub = signer.writePublicKey(tmp.resolve("cosign.pub"));
    keyOnly = TrustPolicy.publicKey(pub);
    logged = TrustPolicy.publicKey(pub).withTrustedRoot(trustedRoot);
  }

  /** Pushes {@code signing/tlogkey-<name>:1} with its legacy signature and returns the image manifest. */
  private static TestManifest pushLegacy(String name, java.util.function.Function<String, TestManifest> signature) {
    return SignedImages.pushSigned(registry, "tlogkey-" + name, signature);
  }

  /** Pushes {@code signing/tlogkey-<name>:1} with its bundle as a tag-schema referrer; returns the referrer. */
  private static TestManifest pushBundle(String name, java.util.function.Function<String, byte[]> bundle) {
    String repo = "tlogkey-" + name;
    TestManifest m = SignedImages.push(registry, repo, SignedImages.image(repo));
    TestManifest referrer = CosignSigner.bundleReferrer(bundle.apply(m.digest()), m.mediaType(), m.digest(),
        m.size());
    registry.push(SignedImages.PREFIX + repo, referrer.digest(), referrer);
    registry.push(SignedImages.PREFIX + repo, "sha256-" + TestImage.hex(m.digest()),
        CosignSigner.fallbackIndex(referrer));
    return referrer;
  }

  /**
   * Pushes {@code tlogkey-<name>} with a legacy signature and {@code tlogkey-<name>-bundle} with a bundle, both
   * logged through {@code log}; asserts that {@link #logged} rejects each with its reason.
   */
  private static void assertRejected(String name, TestSigstore.KeyLog log, String legacyReason,
      String bundleReason) {
    pushLegacy(name, d -> log.legacySignature("x", d));
    TestManifest referrer = pushBundle(name + "-bundle", log::bundle);
    ContainerImage legacy = image(name);
    ContainerImage bundle = image(name + "-bundle");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).isSignedBy(logged))
        .withMessage(rejected(legacy, legacyAt(legacy), legacyReason));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(bundle).isSignedBy(logged))
        .withMessage(rejected(bundle, bundleAt(bundle, referrer), bundleReason));
  }

  private static ContainerImage image(String name) {
    return SignedImages.fromRegistry(registry, "tlogkey-" + name);
  }

  private static String rejected(ContainerImage image, String where, String reason) {
    return String.format("%nExpecting image:%n  %s%nto be signed by %s%nbut found:%n  %s: signed with public key"
        + " %s, but %s", name(image), logged, where, pub, reason);
  }

  private static String legacyAt(ContainerImage image) {
    return "cosign signature (tag " + CosignSigner.legacyTag(image.digest()) + ", layer 1)";
  }

  private static String bundleAt(ContainerImage image, TestManifest referrer) {
    return "sigstore bundle (referrer " + referrer.digest() + " via tag sha256-" + TestImage.hex(image.digest()) + ")";
  }

  // ---- what verifies

  @Test
  void passes_for_a_logged_legacy_signature_and_reports_the_integrated_time() {
    // GIVEN
    TestManifest m = pushLegacy("legacy", d -> sigstore.logged(signer).legacySignature("x", d));
    ContainerImage image = image("legacy");
    List<Verdict> records = new ArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(image).isSignedBy(logged);
    } finally {
      registration.close();
    }
    // THEN
    assertThat(logged.verifiedSignatures(image)).singleElement().satisfies(s -> {
      assertThat(s.isKeyless()).isFalse();
      assertThat(s.keyFingerprint()).contains(signer.fingerprint());
      assertThat(s.integratedTime()).contains(sigstore.integratedTime());
      assertThat(s.signedDigest()).isEqualTo(m.digest());
    });
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.evidence()).containsExactly("signed by key " + signer.fingerprint().substring(0, 19),
          legacyAt(image) + " over this manifest " + m.digest() + ", in the transparency log since "
              + sigstore.integratedTime());
    });
  }

  @Test
  void passes_for_a_logged_bundle() {
    // GIVEN
    pushBundle("bundle", d -> sigstore.logged(signer).bundle(d));
    ContainerImage image = image("bundle");
    // WHEN / THEN
    assertThat(image).isSignedBy(logged);
    assertThat(logged.verifiedSignatures(image)).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Signature.Kind.SIGSTORE_BUNDLE);
      assertThat(s.integratedTime()).contains(sigstore.integratedTime());
    });
  }

  @Test
  void finds_and_verifies_logged_legacy_and_bundle_signatures_in_an_oci_layout() {
    // GIVEN
    Path layout = SignedImages.image("tlogkey-layout").writeOciLayout(tmp.resolve("tlogkey-layout"));
    String digest = TestImage.manifestDigestOf(layout);
    CosignSigner.addToLayout(layout, sigstore.logged(signer).legacySignature("x", digest),
        Map.of("org.opencontainers.image.ref.name", CosignSigner.legacyTag(digest)));
    TestManifest referrer = CosignSigner.bundleReferrer(sigstore.logged(signer).bundle(digest),
        TestManifest.OCI_MANIFEST, digest, 0);
    CosignSigner.addToLayout(layout, referrer, Map.of());
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN
    List<Signature> verified = logged.verifiedSignatures(image);
    // THEN
    assertThat(verified).extracting(Signature::location)
        .containsExactly("tag " + CosignSigner.legacyTag(digest) + ", layer 1", "referrer " + referrer.digest());
    assertThat(verified).allSatisfy(s -> assertThat(s.integratedTime()).contains(sigstore.integratedTime()));
    assertThat(image).isSignedBy(logged);
  }

  @Test
  void without_a_trusted_root_the_key_alone_decides() {
    // GIVEN: unlogged legacy and bundle signatures
    pushLegacy("unlogged", d -> signer.legacySignature("x", d));
    pushBundle("unlogged-bundle", d -> signer.bundle(d, CosignSigner.SIGN_PREDICATE));
    // WHEN / THEN
    assertThat(image("unlogged")).isSignedBy(keyOnly);
    assertThat(image("unlogged-bundle")).isSignedBy(keyOnly);
    assertThat(keyOnly.verifiedSignatures(image("unlogged"))).singleElement()
        .satisfies(s -> assertThat(s.integratedTime()).isEmpty());
  }

  @Test
  void a_configured_public_key_and_trusted_root_require_the_log_entry() throws Exception {
    // GIVEN
    pushLegacy("configured", d -> sigstore.logged(signer).legacySignature("x", d));
    TestManifest unlogged = pushLegacy("configured-unlogged", d -> signer.legacySignature("x", d));
    Map<String, String> values = Map.of(TrustSettings.PUBLIC_KEY, pub.toString(), TrustSettings.TRUSTED_ROOT,
        trustedRoot.toString());
    try (AutoCloseable settings = Verdicts.configure(key -> Optional.ofNullable(values.get(key)))) {
      // WHEN / THEN
      assertThat(image("configured")).isSigned();
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image("configured-unlogged")).isSigned())
          .withMessageEndingWith("cosign signature (tag " + CosignSigner.legacyTag(unlogged.digest()) + ", layer 1):"
              + " signed with public key " + pub + ", but no transparency-log entry (no dev.sigstore.cosign/bundle"
              + " annotation)");
    }
  }

  // ---- each rejected with its own reason

  @Test
  void fails_for_a_legacy_signature_without_a_log_entry() {
    // GIVEN: the same unlogged signature that passes on the key alone
    pushLegacy("no-entry", d -> signer.legacySignature("x", d));
    ContainerImage image = image("no-entry");
    assertThat(image).isSignedBy(keyOnly);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(logged))
        .withMessage(rejected(image, legacyAt(image),
            "no transparency-log entry (no dev.sigstore.cosign/bundle annotation)"));
  }

  @Test
  void fails_for_a_bundle_without_a_log_entry() {
    // GIVEN
    TestManifest referrer = pushBundle("bundle-no-entry", d -> signer.bundle(d, CosignSigner.SIGN_PREDICATE));
    ContainerImage image = image("bundle-no-entry");
    assertThat(image).isSignedBy(keyOnly);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(logged))
        .withMessage(rejected(image, bundleAt(image, referrer),
            "no transparency-log entry (the bundle has no tlogEntries)"));
  }

  @Test
  void fails_for_an_entry_from_a_rekor_outside_the_trusted_root() {
    // GIVEN: logged, but by another Rekor
    TestSigstore rogue = TestSigstore.create("tlogkey-rogue");
    pushLegacy("rogue-rekor", d -> rogue.logged(signer).legacySignature("x", d));
    TestManifest referrer = pushBundle("rogue-rekor-bundle", d -> rogue.logged(signer).bundle(d));
    ContainerImage legacy = image("rogue-rekor");
    ContainerImage bundle = image("rogue-rekor-bundle");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(legacy).isSignedBy(logged))
        .withMessageMatching("(?s).*\\Q" + legacyAt(legacy) + ": signed with public key " + pub + ", but the"
            + " transparency-log entry is from log \\E[0-9a-f]{64}, which is not a tlog of the trusted root");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(bundle).isSignedBy(logged))
        .withMessageMatching("(?s).*\\Q" + bundleAt(bundle, referrer) + ": signed with public key " + pub
            + ", but the transparency-log entry is from log \\E[0-9a-f]{64}, which is not a tlog of the trusted root");
  }

  @Test
  void fails_for_an_entry_that_logs_another_key() {
    // GIVEN: a genuine entry of the trusted Rekor, naming another public key
    CosignSigner other = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    // WHEN / THEN
    assertRejected("other-key", sigstore.logged(signer).namingKeyOf(other), "the Rekor entry logs another key",
        "the tlog entry logs another signature or key");
  }

  @Test
  void fails_for_an_entry_that_logs_another_signature() {
    // GIVEN: the entry logs another signature of the same payload by the same key
    // WHEN / THEN
    assertRejected("other-signature", sigstore.logged(signer).ofAnotherSignature(),
        "the Rekor entry logs another signature", "the tlog entry logs another signature or key");
  }

  @Test
  void fails_for_a_tampered_signed_entry_timestamp() {
    // GIVEN: the entry's log index changed after the Rekor key signed it
    // WHEN / THEN
    assertRejected("tampered-set", sigstore.logged(signer).withTamperedSet(),
        "Rekor SignedEntryTimestamp does not verify with the trusted Rekor key",
        "Rekor SignedEntryTimestamp does not verify with the trusted Rekor key");
  }

  @Test
  void a_log_entry_does_not_make_a_signature_of_another_key_count() {
    // GIVEN: a logged signature made with another key
    CosignSigner other = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    TestManifest m = pushLegacy("wrong-key", d -> sigstore.logged(other).legacySignature("x", d));
    ContainerImage image = image("wrong-key");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(logged))
        .withMessageEndingWith(legacyAt(image) + ": signature over " + m.digest() + " does not verify with "
            + logged);
  }

  @Test
  void passes_for_a_bundle_logged_in_rekor_v2_and_timestamped_by_a_trusted_authority() {
    // GIVEN: cosign --key against Rekor v2: a dsse 0.0.2 entry naming the key's DER, the time from an RFC 3161 TSA
    TestTimestampAuthority tsa = TestTimestampAuthority.create("tsa-tlogkey");
    TrustPolicy withTsa = TrustPolicy.publicKey(pub).withTrustedRoot(tsa.addTo(sigstore.writeTrustedRoot(
        tmp.resolve("trusted_root_tsa.json"))));
    pushBundle("rekor-v2", d -> sigstore.logged(signer).rekorV2Bundle(d, tsa));
    // WHEN / THEN
    assertThat(image("rekor-v2")).isSignedBy(withTsa);
    assertThat(withTsa.verifiedSignatures(image("rekor-v2"))).singleElement()
        .satisfies(s -> assertThat(s.integratedTime()).isPresent());
  }

  @Test
  void fails_for_a_rekor_v2_bundle_whose_timestamp_authority_is_not_trusted() {
    // GIVEN: the same, timestamped by an authority the trusted root does not name
    TestTimestampAuthority rogue = TestTimestampAuthority.create("tsa-tlogkey-rogue");
    TestManifest referrer = pushBundle("rekor-v2-rogue-tsa", d -> sigstore.logged(signer).rekorV2Bundle(d, rogue));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image("rekor-v2-rogue-tsa")).isSignedBy(logged))
        .withMessageContaining("sigstore bundle (referrer " + referrer.digest())
        .withMessageContaining(": signed with public key " + pub + ", but the bundle's RFC 3161 timestamp does not"
            + " verify (Certificates in token were not verifiable against TSAs");
  }

  @Test
  void fails_for_a_rekor_v2_bundle_without_a_timestamp() {
    // GIVEN: a Rekor v2 entry has no SET and no integrated time: without a timestamp nothing proves when it was signed
    pushBundle("rekor-v2-untimed", d -> sigstore.logged(signer).rekorV2Bundle(d, null));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image("rekor-v2-untimed")).isSignedBy(logged))
        .withMessageEndingWith(": signed with public key " + pub + ", but the bundle has neither a signed entry"
            + " timestamp (SET) nor an RFC 3161 timestamp: nothing proves when it was signed");
  }
}
