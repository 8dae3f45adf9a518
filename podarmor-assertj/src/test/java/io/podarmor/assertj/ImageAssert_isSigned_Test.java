package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.internal.signature.TrustSettings;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import io.podarmor.testing.TestSigstore;
import io.podarmor.testing.TestTufRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAssert_isSigned_Test {
  @TempDir static Path tmp;
  static TestRegistry registry;
  static CosignSigner signer;
  static Path pub;
  static TestManifest signed;
  static ContainerImage signedImage;

  private AutoCloseable settings;

  @BeforeAll
  static void signedImage() {
    registry = TestRegistry.local();
    signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    pub = signer.writePublicKey(tmp.resolve("cosign.pub"));
    signed = SignedImages.pushSigned(registry, "configured", d -> signer.legacySignature("x", d));
    signedImage = SignedImages.fromRegistry(registry, "configured");
  }

  @AfterEach
  void restoreSettings() throws Exception {
    if (settings != null) {
      settings.close();
    }
  }

  private void configure(Map<String, String> values) {
    settings = Verdicts.configure(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void passes_with_the_configured_public_key_and_reports_the_signer() {
    // GIVEN
    configure(Map.of("podarmor.trust.public-key", pub.toString()));
    List<Verdict> records = new ArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(signedImage).isSigned();
    } finally {
      registration.close();
    }
    // THEN
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.property()).isEqualTo(Property.SIGNED);
      assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.evidence()).containsExactly("signed by key " + signer.fingerprint().substring(0, 19),
          "cosign signature (tag " + CosignSigner.legacyTag(signed.digest()) + ", layer 1) over this manifest "
              + signed.digest());
    });
  }

  @Test
  void reads_the_policy_from_system_properties() {
    // GIVEN: the default lookup
    System.setProperty("podarmor.trust.public-key", pub.toString());
    try {
      // WHEN / THEN
      assertThat(signedImage).isSigned();
    } finally {
      System.clearProperty("podarmor.trust.public-key");
    }
  }

  @Test
  void without_a_policy_a_key_signature_cannot_be_verified() {
    // GIVEN
    configure(Map.of());
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(signedImage).isSigned())
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed (any valid signature; no trust policy"
            + " configured)%nbut found:%n  cosign signature (tag %s, layer 1): signed with a key, but no public key"
            + " is configured to verify it (set podarmor.trust.public-key or use TrustPolicy.publicKey)",
            name(signedImage), CosignSigner.legacyTag(signed.digest())));
  }

  @Test
  void a_configured_policy_that_does_not_match_fails_naming_it() {
    // GIVEN
    Path otherPub = CosignSigner.generate(CosignSigner.Algorithm.ED25519).writePublicKey(tmp.resolve("ed.pub"));
    configure(Map.of("podarmor.trust.public-key", otherPub.toString()));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(signedImage).isSigned())
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s (configured)%nbut found:%n"
            + "  cosign signature (tag %s, layer 1): signature over %s does not verify with public key %s",
            name(signedImage), otherPub, CosignSigner.legacyTag(signed.digest()), signed.digest(), otherPub));
  }

  @Test
  void a_keyless_signature_without_a_trusted_root_fails_closed_when_its_tuf_repository_cannot_be_reached() {
    // GIVEN: a certificate-carrying signature; no trusted root, and the TUF repository configured is down, never cached
    CosignSigner keyless = CosignSigner.selfSignedCertificate(tmp, "release@acme.example");
    TestManifest m = SignedImages.pushSigned(registry, "keyless-no-root", d -> keyless.legacyCertificateSignature("x",
        d));
    ContainerImage image = SignedImages.fromRegistry(registry, "keyless-no-root");
    try (TestTufRepository tuf = TestTufRepository.create(new byte[] {'{', '}'})) {
      String mirror = tuf.start().toString();
      Path initialRoot = tuf.initialRoot(tmp.resolve("down-root.json"));
      tuf.stop();
      Path cache = tmp.resolve("tuf-cache-down");
      configure(Map.of("podarmor.trust.tuf-mirror", mirror, "podarmor.trust.tuf-root", initialRoot.toString(),
          "podarmor.trust.tuf-cache", cache.toString()));
      // WHEN / THEN
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).isSigned())
          .withMessageStartingWith(String.format("%nExpecting image:%n  %s%nto be signed (any valid signature; no"
              + " trust policy configured)%nbut found:%n  cosign signature (tag %s, layer 1): keyless signature"
              + " (certificate for release@acme.example), but no trusted root to verify it with: cannot refresh"
              + " Sigstore's trusted root from the TUF repository %s (ConnectException", name(image),
              CosignSigner.legacyTag(m.digest()), mirror))
          .withMessageEndingWith(", and the cache " + cache.resolve("127.0.0.1_" + tuf.mirror().getPort())
              + " holds no copy: connect to it once to refresh the cache, set podarmor.trust.tuf-mirror (with"
              + " podarmor.trust.tuf-root) to a TUF mirror you can reach, or podarmor.trust.trusted-root to a"
              + " trusted_root.json file");
    }
  }

  @Test
  void a_configured_keyless_policy_verifies_against_the_trusted_root_of_the_configured_tuf_mirror() throws Exception {
    // GIVEN: identity, issuer and a TUF mirror (with its initial root) configured; no trusted_root.json
    TestSigstore sigstore = TestSigstore.create("sigstore-tuf-configured");
    byte[] served = java.nio.file.Files.readAllBytes(sigstore.writeTrustedRoot(tmp.resolve("tuf_served.json")));
    SignedImages.pushSigned(registry, "sigstore-keyless-tuf",
        d -> sigstore.leaf("release@acme.example", "https://issuer.example").issue().legacySignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "sigstore-keyless-tuf");
    try (TestTufRepository tuf = TestTufRepository.create(served)) {
      configure(Map.of("podarmor.trust.identity", "release@acme.example", "podarmor.trust.issuer",
          "https://issuer.example", "podarmor.trust.tuf-mirror", tuf.start().toString(), "podarmor.trust.tuf-root",
          tuf.initialRoot(tmp.resolve("tuf-root.json")).toString(), "podarmor.trust.tuf-cache",
          tmp.resolve("tuf-cache-configured").toString()));
      // WHEN / THEN
      assertThat(image).isSigned();
    }
  }

  @Test
  void a_tuf_mirror_without_its_initial_root_is_a_configuration_error() {
    configure(Map.of("podarmor.trust.identity", "release@acme.example", "podarmor.trust.issuer",
        "https://issuer.example", "podarmor.trust.tuf-mirror", "http://127.0.0.1:1/"));
    CosignSigner keyless = CosignSigner.selfSignedCertificate(tmp, "release@acme.example");
    SignedImages.pushSigned(registry, "keyless-mirror-no-root", d -> keyless.legacyCertificateSignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "keyless-mirror-no-root");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSigned())
        .withMessageEndingWith("no trusted root to verify it with: podarmor.trust.tuf-mirror is set but"
            + " podarmor.trust.tuf-root is not: a TUF mirror needs the initial root.json to trust");
  }

  @Test
  void a_configured_keyless_policy_verifies_against_the_configured_trusted_root_and_reports_the_signer() {
    // GIVEN: a keyless signature from a test Sigstore, its trusted root, identity and issuer configured
    TestSigstore sigstore = TestSigstore.create("sigstore-configured");
    Path root = sigstore.writeTrustedRoot(tmp.resolve("configured_trusted_root.json"));
    SignedImages.pushSigned(registry, "sigstore-keyless-configured",
        d -> sigstore.leaf("release@acme.example", "https://issuer.example").issue().legacySignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "sigstore-keyless-configured");
    configure(Map.of("podarmor.trust.identity", "release@acme.example", "podarmor.trust.issuer",
        "https://issuer.example", "podarmor.trust.trusted-root", root.toString()));
    List<Verdict> records = new ArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      // WHEN
      assertThat(image).isSigned();
    } finally {
      registration.close();
    }
    // THEN
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(r.evidence()).first().isEqualTo("signed by release@acme.example (issuer https://issuer.example)");
    });
  }

  @Test
  void a_malformed_trusted_root_cannot_decide() throws Exception {
    // GIVEN: a certificate naming the wanted identity, a trusted root that is not one (fails closed, naming it)
    CosignSigner keyless = CosignSigner.selfSignedCertificate(tmp, "release@acme.example");
    SignedImages.pushSigned(registry, "keyless-unwired", d -> keyless.legacyCertificateSignature("x", d));
    ContainerImage image = SignedImages.fromRegistry(registry, "keyless-unwired");
    Path root = java.nio.file.Files.writeString(tmp.resolve("trusted_root.json"), "{}");
    configure(Map.of("podarmor.trust.identity", "release@acme.example", "podarmor.trust.issuer",
        "https://issuer.example", "podarmor.trust.trusted-root", root.toString()));
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSigned())
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by identity release@acme.example, issuer"
            + " https://issuer.example (configured)%nbut could not decide:%n  trusted root %s has mediaType '';"
            + " expected application/vnd.dev.sigstore.trustedroot+json;version=0.1", name(image), root));
  }

  @Test
  void an_identity_without_an_issuer_is_a_configuration_error() {
    // GIVEN
    configure(Map.of("podarmor.trust.identity", "release@acme.example"));
    // WHEN / THEN
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(signedImage).isSigned())
        .withMessage("podarmor.trust.identity is set but podarmor.trust.issuer is not: a keyless policy needs both"
            + " (as cosign verify needs --certificate-identity and --certificate-oidc-issuer)");
  }

  @Test
  void an_engine_image_without_a_repo_digest_cannot_decide() {
    // GIVEN
    TestImage local = SignedImages.image("engine-local");
    local.loadIntoDocker();
    try {
      configure(Map.of("podarmor.trust.public-key", pub.toString()));
      ContainerImage image = ContainerImage.fromDaemon(local.reference());
      // WHEN / THEN
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).isSigned())
          .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s (configured)%n"
              + "but could not decide:%n  the local Docker engine keeps no signatures, and %s has no repo digest (it"
              + " was built or loaded here, never pushed or pulled); check the image in its registry instead, e.g."
              + " ContainerImage.fromRegistry(\"registry/repository@sha256:…\")", name(image), pub,
              local.reference()));
    } finally {
      local.removeFromDocker();
    }
  }

  @Test
  void a_docker_archive_cannot_decide() {
    // GIVEN
    configure(Map.of("podarmor.trust.public-key", pub.toString()));
    Path tar = SignedImages.image("archive").writeDockerArchive(tmp.resolve("archive.tar"));
    ContainerImage image = ContainerImage.fromDockerArchive(tar);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).isSigned())
        .withMessage(String.format("%nExpecting image:%n  %s%nto be signed by public key %s (configured)%n"
            + "but could not decide:%n  %s is a docker archive, which keeps no signatures; check the image in its"
            + " registry instead, e.g. ContainerImage.fromRegistry(\"registry/repository@%s\")", name(image), pub,
            image.reference(), image.digest()));
  }

  @Test
  void an_engine_image_pushed_to_a_registry_is_checked_there_by_its_repo_digest() {
    // GIVEN: pushed with docker push, which records the repo digest in the engine (new content each run, as the
    // registry keeps the signature tags of earlier runs)
    TestImage engine = TestImage.named(registry.host() + "/signing/engine:1")
        .layer(io.podarmor.testing.Layer.create().file("/app", "engine app " + java.util.UUID.randomUUID(), 0755));
    engine.loadIntoDocker();
    try {
      DockerCli.run("push", engine.reference());
      ContainerImage image = ContainerImage.fromDaemon(engine.reference());
      assertThat(image.digest()).isNotEqualTo(image.id());
      configure(Map.of("podarmor.trust.public-key", pub.toString()));
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).isSigned())
          .withMessageEndingWith("no signature in " + registry.host() + "/signing/engine (tags "
              + CosignSigner.legacyTag(image.digest()) + ", sigstore bundle referrers)");
      SignedImages.pushLegacy(registry, "engine", image.digest(), signer.legacySignature("x", image.digest()));
      // WHEN / THEN
      assertThat(image).isSigned();
    } finally {
      engine.removeFromDocker();
    }
  }

  @Test
  void an_engine_image_tagged_locally_is_checked_in_the_registry_its_repo_digest_names() {
    // GIVEN: built as signing/local:1, tagged for the local registry and pushed, so its only repo digest names that
    // registry; opened by its local tag, which names Docker Hub
    String local = "signing/local:1";
    TestImage engine = TestImage.named(local)
        .layer(io.podarmor.testing.Layer.create().file("/app", "local app " + java.util.UUID.randomUUID(), 0755));
    engine.loadIntoDocker();
    String pushed = registry.host() + "/signing/local:1";
    try {
      DockerCli.run("tag", local, pushed);
      DockerCli.run("push", pushed);
      ContainerImage image = ContainerImage.fromDaemon(local);
      assertThat(image.digest()).isNotEqualTo(image.id());
      configure(Map.of("podarmor.trust.public-key", pub.toString()));
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).isSigned())
          .withMessageEndingWith("no signature in " + registry.host() + "/signing/local (tags "
              + CosignSigner.legacyTag(image.digest()) + ", sigstore bundle referrers)");
      SignedImages.pushLegacy(registry, "local", image.digest(), signer.legacySignature("x", image.digest()));
      // WHEN / THEN
      assertThat(image).isSigned();
    } finally {
      DockerCli.run("rmi", pushed);
      engine.removeFromDocker();
    }
  }
}
