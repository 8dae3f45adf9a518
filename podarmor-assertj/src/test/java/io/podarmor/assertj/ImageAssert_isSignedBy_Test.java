package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.FakeRegistry;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageAssert_isSignedBy_Test {
  @TempDir static Path tmp;
  static TestRegistry registry;
  static CosignSigner ecdsa;
  static Path ecdsaPub;
  static CosignSigner other;
  static Path otherPub;

  @BeforeAll
  static void keys() {
    registry = TestRegistry.local();
    ecdsa = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    ecdsaPub = ecdsa.writePublicKey(tmp.resolve("cosign.pub"));
    other = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    otherPub = other.writePublicKey(tmp.resolve("other.pub"));
  }

  // ---- legacy sha256-<hex>.sig in a registry

  @ParameterizedTest(name = "{0}")
  @EnumSource(CosignSigner.Algorithm.class)
  void passes_for_a_legacy_signature_made_with_the_policy_key(CosignSigner.Algorithm algorithm) {
    // GIVEN
    CosignSigner signer = CosignSigner.generate(algorithm);
    Path pub = signer.writePublicKey(tmp.resolve(algorithm + ".pub"));
    String repo = "legacy-" + algorithm.name().toLowerCase().replace('_', '-');
    TestManifest m = SignedImages.pushSigned(registry, repo, d -> signer.legacySignature(registry.host()
        + "/signing/" + repo, d));
    ContainerImage image = SignedImages.fromRegistry(registry, repo);
    // WHEN
    List<Signature> verified = TrustPolicy.publicKey(pub).verifiedSignatures(image);
    // THEN
    assertThat(image).isSignedBy(TrustPolicy.publicKey(pub));
    assertThat(verified).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Signature.Kind.LEGACY_COSIGN);
      assertThat(s.signedDigest()).isEqualTo(m.digest());
      assertThat(s.keyFingerprint()).contains(signer.fingerprint());
      assertThat(s.isKeyless()).isFalse();
      assertThat(s.location()).isEqualTo("tag " + CosignSigner.legacyTag(m.digest()) + ", layer 1");
    });
  }

  @Test
  void fails_with_another_key() {
    // GIVEN
    TestManifest m = SignedImages.pushSigned(registry, "wrong-key", d -> ecdsa.legacySignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "wrong-key");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(otherPub)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s%nbut found:%n"
            + "  cosign signature (tag %s, layer 1): signature over %s does not verify with public key %s",
            name(image), otherPub, CosignSigner.legacyTag(m.digest()), m.digest(), otherPub));
  }

  @Test
  void fails_when_the_payload_was_tampered_with() {
    // GIVEN
    TestManifest m = SignedImages.pushSigned(registry, "tampered", d -> ecdsa.tamperedLegacySignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "tampered");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub)))
        .withMessageEndingWith(String.format("cosign signature (tag %s, layer 1): signature over %s does not verify"
            + " with public key %s", CosignSigner.legacyTag(m.digest()), m.digest(), ecdsaPub));
  }

  @Test
  void a_signature_over_another_digest_never_counts() {
    // GIVEN: a valid signature of another image, copied under this image's signature tag
    TestManifest m = SignedImages.push(registry, "other-digest", SignedImages.image("other-digest"));
    String elsewhere = SignedImages.image("elsewhere").id();
    String otherDigest = "sha256:" + TestImage.hex(elsewhere);
    SignedImages.pushLegacy(registry, "other-digest", m.digest(), ecdsa.legacySignature("x", otherDigest));
    ContainerImage image = ContainerImage.fromRegistry(SignedImages.reference(registry, "other-digest"));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s%nbut found:%n"
            + "  cosign signature (tag %s, layer 1): signs %s, not this image's %s",
            name(image), ecdsaPub, CosignSigner.legacyTag(m.digest()), otherDigest, m.digest()));
  }

  @Test
  void fails_for_an_unsigned_image_saying_where_it_looked() {
    // GIVEN
    TestManifest m = SignedImages.push(registry, "unsigned", SignedImages.image("unsigned"));
    ContainerImage image = ContainerImage.fromRegistry(SignedImages.reference(registry, "unsigned"));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s%nbut found:%n"
            + "  no signature in %s/signing/unsigned (tags %s, sigstore bundle referrers)",
            name(image), ecdsaPub, registry.host(), CosignSigner.legacyTag(m.digest())));
  }

  @Test
  void a_keyless_policy_does_not_accept_a_key_signature() {
    // GIVEN
    TestManifest m = SignedImages.pushSigned(registry, "key-not-keyless", d -> ecdsa.legacySignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "key-not-keyless");
    TrustPolicy policy = TrustPolicy.keyless("release@acme.example", "https://issuer.example");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(policy))
        .withMessageEndingWith("cosign signature (tag " + CosignSigner.legacyTag(m.digest()) + ", layer 1): signed"
            + " with a key, not by a keyless signer; the policy wants identity release@acme.example, issuer"
            + " https://issuer.example");
  }

  @Test
  void an_unreadable_key_file_cannot_decide() {
    // GIVEN
    SignedImages.push(registry, "unsigned", SignedImages.image("unsigned"));
    ContainerImage image = ContainerImage.fromRegistry(SignedImages.reference(registry, "unsigned"));
    Path missing = tmp.resolve("missing.pub");
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(missing)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s%nbut could not decide:%n"
            + "  cannot read public key %s (NoSuchFileException)", name(image), missing, missing));
  }

  // ---- sigstore bundles (cosign v3) as referrers

  @Test
  void passes_for_a_bundle_found_through_the_referrers_api() {
    try (FakeRegistry fake = FakeRegistry.start().referrersApi()) {
      // GIVEN
      TestManifest m = TestManifest.of(SignedImages.image("bundle-api"), TestImage.Compression.GZIP,
          TestManifest.Format.OCI);
      fake.put("signing/bundle-api", "1", m);
      TestManifest referrer = CosignSigner.bundleReferrer(ecdsa.bundle(m.digest(), CosignSigner.SIGN_PREDICATE),
          m.mediaType(), m.digest(), m.size());
      fake.put("signing/bundle-api", null, referrer);
      ContainerImage image = ContainerImage.fromRegistry(fake.reference("signing/bundle-api:1"));
      // WHEN
      List<Signature> verified = TrustPolicy.publicKey(ecdsaPub).verifiedSignatures(image);
      // THEN
      assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub));
      assertThat(verified).singleElement().satisfies(s -> {
        assertThat(s.kind()).isEqualTo(Signature.Kind.SIGSTORE_BUNDLE);
        assertThat(s.location()).isEqualTo("referrer " + referrer.digest() + " via referrers API");
      });
      assertThat(fake.requests()).anySatisfy(r -> assertThat(r.uri).contains("/referrers/" + m.digest()));
    }
  }

  @Test
  void passes_for_a_bundle_found_through_the_tag_schema_fallback() {
    // GIVEN: 127.0.0.1:5000 has no referrers API; cosign keeps the sha256-<hex> index instead
    TestManifest m = SignedImages.push(registry, "bundle-fallback", SignedImages.image("bundle-fallback"));
    TestManifest referrer = CosignSigner.bundleReferrer(ecdsa.bundle(m.digest(), CosignSigner.SIGN_PREDICATE),
        m.mediaType(), m.digest(), m.size());
    registry.push("signing/bundle-fallback", referrer.digest(), referrer);
    registry.push("signing/bundle-fallback", "sha256-" + TestImage.hex(m.digest()),
        CosignSigner.fallbackIndex(referrer));
    ContainerImage image = ContainerImage.fromRegistry(SignedImages.reference(registry, "bundle-fallback"));
    // WHEN
    List<Signature> verified = TrustPolicy.publicKey(ecdsaPub).verifiedSignatures(image);
    // THEN
    assertThat(verified).singleElement().extracting(Signature::location)
        .isEqualTo("referrer " + referrer.digest() + " via tag sha256-" + TestImage.hex(m.digest()));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(otherPub)))
        .withMessageEndingWith(String.format("sigstore bundle (referrer %s via tag sha256-%s): signature over %s"
            + " does not verify with public key %s", referrer.digest(), TestImage.hex(m.digest()), m.digest(),
            otherPub));
  }

  @Test
  void an_attestation_bundle_is_not_a_signature() {
    try (FakeRegistry fake = FakeRegistry.start().referrersApi()) {
      // GIVEN: a provenance attestation signed with the same key, and no signature
      TestManifest m = TestManifest.of(SignedImages.image("attested"), TestImage.Compression.GZIP,
          TestManifest.Format.OCI);
      fake.put("signing/attested", "1", m);
      TestManifest referrer = CosignSigner.bundleReferrer(ecdsa.bundle(m.digest(), "https://slsa.dev/provenance/v1"),
          m.mediaType(), m.digest(), m.size());
      fake.put("signing/attested", null, referrer);
      ContainerImage image = ContainerImage.fromRegistry(fake.reference("signing/attested:1"));
      // WHEN / THEN
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub)))
          .withMessageEndingWith(String.format("sigstore bundle (referrer %s via referrers API): an attestation"
              + " (predicate type https://slsa.dev/provenance/v1), not an image signature"
              + " (https://sigstore.dev/cosign/sign/v1)", referrer.digest()));
    }
  }

  // ---- OCI layouts

  @Test
  void finds_legacy_and_bundle_signatures_stored_in_an_oci_layout() {
    // GIVEN
    TestImage testImage = SignedImages.image("layout");
    Path layout = testImage.writeOciLayout(tmp.resolve("signed-layout"));
    String digest = TestImage.manifestDigestOf(layout);
    CosignSigner.addToLayout(layout, ecdsa.legacySignature("x", digest),
        Map.of("org.opencontainers.image.ref.name", CosignSigner.legacyTag(digest)));
    TestManifest referrer = CosignSigner.bundleReferrer(ecdsa.bundle(digest, CosignSigner.SIGN_PREDICATE),
        TestManifest.OCI_MANIFEST, digest, 0);
    CosignSigner.addToLayout(layout, referrer, Map.of());
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN
    List<Signature> verified = TrustPolicy.publicKey(ecdsaPub).verifiedSignatures(image);
    // THEN: the signatures are not taken for images of the layout
    assertThat(image.digest()).isEqualTo(digest);
    assertThat(image.platforms()).hasSize(1);
    assertThat(verified).extracting(Signature::location)
        .containsExactly("tag " + CosignSigner.legacyTag(digest) + ", layer 1", "referrer " + referrer.digest());
    assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub));
  }

  @Test
  void signatures_in_a_layout_are_not_taken_for_images_when_the_image_entry_names_no_platform() throws Exception {
    // GIVEN: crane and skopeo write index.json entries without platform
    Path layout = SignedImages.image("layout-no-platform").writeOciLayout(tmp.resolve("no-platform-layout"));
    Path indexJson = layout.resolve("index.json");
    java.nio.file.Files.writeString(indexJson, java.nio.file.Files.readString(indexJson)
        .replaceAll(",?\"platform\":\\{[^}]*\\}", ""));
    String digest = TestImage.manifestDigestOf(layout);
    CosignSigner.addToLayout(layout, ecdsa.legacySignature("x", digest),
        Map.of("org.opencontainers.image.ref.name", CosignSigner.legacyTag(digest)));
    // WHEN
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // THEN
    assertThat(java.nio.file.Files.readString(indexJson)).doesNotContain("platform");
    assertThat(image.digest()).isEqualTo(digest);
    assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub));
  }

  @Test
  void fails_for_an_unsigned_oci_layout() {
    // GIVEN
    Path layout = SignedImages.image("layout-unsigned").writeOciLayout(tmp.resolve("unsigned-layout"));
    ContainerImage image = ContainerImage.fromOciLayout(layout);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedBy(TrustPolicy.publicKey(ecdsaPub)))
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s%nbut found:%n"
            + "  no signature in oci:%s (index.json tags %s, sigstore bundle referrers)", name(image), ecdsaPub,
            layout.toAbsolutePath().normalize(), CosignSigner.legacyTag(image.digest())));
  }
}
