package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.Platform;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.FakeRegistry;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestIndex;
import io.podarmor.testing.TestRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAssert_isSignedOnEveryPlatform_Test {
  static final Platform AMD64 = Platform.parse("linux/amd64");
  static final Platform ARM64 = Platform.parse("linux/arm64");

  @TempDir static Path tmp;
  static TestRegistry registry;
  static CosignSigner signer;
  static TrustPolicy policy;

  @BeforeAll
  static void keys() {
    registry = TestRegistry.local();
    signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    policy = TrustPolicy.publicKey(signer.writePublicKey(tmp.resolve("cosign.pub")));
  }

  /** A two-platform index pushed as {@code signing/<repo>:1}. */
  static TestIndex.Pushed pushIndex(String repo) {
    return twoPlatforms(repo).pushTo(registry, SignedImages.PREFIX + repo, "1");
  }

  /** An index of a linux/amd64 and a linux/arm64 image (their content differs by {@code repo}), with attestations. */
  static TestIndex twoPlatforms(String repo) {
    TestImage amd = TestImage.named("x").platform("linux", "amd64")
        .layer(Layer.create().file("/app", "amd64 app " + repo, 0755));
    TestImage arm = TestImage.named("x").platform("linux", "arm64")
        .layer(Layer.create().file("/app", "arm64 app " + repo, 0755));
    return TestIndex.create().image(amd, TestImage.Compression.GZIP).image(arm, TestImage.Compression.GZIP)
        .attestations();
  }

  static void sign(String repo, String digest) {
    SignedImages.pushLegacy(registry, repo, digest, signer.legacySignature("x", digest));
  }

  @Test
  void passes_when_every_platform_manifest_is_signed() {
    // GIVEN
    TestIndex.Pushed index = pushIndex("multi-all");
    index.manifestDigests.forEach(d -> sign("multi-all", d));
    ContainerImage image = ContainerImage.fromRegistry(SignedImages.reference(registry, "multi-all"));
    // WHEN / THEN
    assertThat(image).isSignedOnEveryPlatformBy(policy).isSignedBy(policy);
    assertThat(image.forPlatform(ARM64)).isSignedBy(policy);
  }

  @Test
  void fails_naming_each_unsigned_platform() {
    // GIVEN: only linux/amd64 signed
    TestIndex.Pushed index = pushIndex("multi-partial");
    sign("multi-partial", index.manifestDigests.get(0));
    ContainerImage image = ContainerImage.fromRegistry(SignedImages.reference(registry, "multi-partial"))
        .forPlatform(AMD64);
    String arm = index.manifestDigests.get(1);
    // WHEN / THEN
    assertThat(image).isSignedBy(policy);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image.forPlatform(ARM64)).isSignedBy(policy))
        .withMessageEndingWith(String.format("but found:%n  no signature in %s/signing/multi-partial (tags %s, %s,"
            + " sigstore bundle referrers)", registry.host(), CosignSigner.legacyTag(arm),
            CosignSigner.legacyTag(index.indexDigest)));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedOnEveryPlatformBy(policy))
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed on every platform (a signature over each"
            + " platform's manifest) by %s%nbut found:%n  linux/arm64 %s: no valid signature over this manifest",
            name(image), policy, arm));
  }

  @Test
  void an_index_signature_covers_its_platforms_for_isSigned_but_not_for_every_platform() {
    // GIVEN: only the index signed (cosign sign on a multi-arch tag, without --recursive)
    TestIndex.Pushed index = pushIndex("multi-index");
    sign("multi-index", index.indexDigest);
    ContainerImage arm = ContainerImage.fromRegistry(SignedImages.reference(registry, "multi-index"))
        .forPlatform(ARM64);
    // WHEN
    Signature signature = policy.verifiedSignatures(arm).get(0);
    // THEN
    assertThat(signature.signedDigest()).isEqualTo(index.indexDigest);
    assertThat(arm).isSignedBy(policy);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(arm).isSignedOnEveryPlatformBy(policy))
        .withMessageEndingWith(String.format("but found:%n"
            + "  linux/amd64 %s: no valid signature over this manifest (only its index is signed)%n"
            + "  linux/arm64 %s: no valid signature over this manifest (only its index is signed)",
            index.manifestDigests.get(0), index.manifestDigests.get(1)));
  }

  @Test
  void checks_each_platform_of_an_oci_layout() {
    // GIVEN: a two-platform layout (plus an attestation), only linux/amd64 signed, its signature stored in the layout
    TestImage amd = TestImage.named("x").platform("linux", "amd64").layer(Layer.create().file("/app", "a", 0755));
    TestImage arm = TestImage.named("x").platform("linux", "arm64").layer(Layer.create().file("/app", "b", 0755));
    Path layout = io.podarmor.testing.ImageLayouts.writeMultiPlatformLayout(tmp.resolve("multi-layout"), amd, arm);
    java.util.List<String> digests = io.podarmor.testing.ImageLayouts.manifestDigests(layout);
    CosignSigner.addToLayout(layout, signer.legacySignature("x", digests.get(0)),
        java.util.Map.of("org.opencontainers.image.ref.name", CosignSigner.legacyTag(digests.get(0))));
    ContainerImage image = ContainerImage.fromOciLayout(layout, AMD64);
    // WHEN / THEN
    assertThat(image.platforms()).containsExactly(AMD64, ARM64);
    assertThat(image).isSignedBy(policy);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSignedOnEveryPlatformBy(policy))
        .withMessageEndingWith(String.format("but found:%n  linux/arm64 %s: no valid signature over this manifest",
            image.forPlatform(ARM64).digest()));
  }

  @Test
  void looks_up_the_signatures_of_the_shared_index_once_for_all_platforms() {
    // GIVEN: the index and each platform signed, in a registry that records its requests
    try (FakeRegistry fake = FakeRegistry.start()) {
      String repo = SignedImages.PREFIX + "multi-counted";
      TestIndex.Pushed index = fake.put(repo, "1", twoPlatforms("multi-counted"));
      for (String d : java.util.List.of(index.indexDigest, index.manifestDigests.get(0),
          index.manifestDigests.get(1))) {
        fake.push(repo, CosignSigner.legacyTag(d), signer.legacySignature("x", d));
      }
      ContainerImage image = ContainerImage.fromRegistry(fake.reference(repo + ":1"));
      // WHEN
      assertThat(image).isSignedOnEveryPlatformBy(policy);
      // THEN: the index's signature tag is asked for as often as one platform's, not once per platform
      String platformTag = CosignSigner.legacyTag(index.manifestDigests.get(1));
      String indexTag = CosignSigner.legacyTag(index.indexDigest);
      long platformLookups = fake.requests().stream().filter(r -> r.uri.endsWith("/manifests/" + platformTag)).count();
      assertThat(platformLookups).isPositive();
      assertThat(fake.requests()).filteredOn(r -> r.uri.endsWith("/manifests/" + indexTag))
          .hasSize((int) platformLookups);
    }
  }
}
