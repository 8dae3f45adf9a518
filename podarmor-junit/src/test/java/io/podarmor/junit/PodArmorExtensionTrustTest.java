package io.podarmor.junit;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdicts;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension's configuration ({@code podarmor.trust.*}, e.g. from junit-platform.properties) reaches isSigned(). */
class PodArmorExtensionTrustTest {
  static final String IMAGE = TestRegistry.LOCAL + "/signing/junit:1";
  @TempDir static Path tmp;
  static Path pub;

  @BeforeAll
  static void signedImage() {
    TestRegistry registry = TestRegistry.local();
    CosignSigner signer = CosignSigner.generate(CosignSigner.Algorithm.ECDSA_P256);
    pub = signer.writePublicKey(tmp.resolve("cosign.pub"));
    TestManifest m = TestManifest.of(TestImage.named("x").layer(Layer.create().file("/app", "junit signed", 0755)),
        TestImage.Compression.GZIP, TestManifest.Format.OCI);
    registry.push("signing/junit", "1", m);
    registry.push("signing/junit", CosignSigner.legacyTag(m.digest()), signer.legacySignature(IMAGE, m.digest()));
  }

  @PodArmorTest
  @ImageUnderTest(IMAGE)
  static class SignedTestCase {
    @Test
    void signed(ContainerImage image) {
      assertThat(image).isSigned();
    }
  }

  @Test
  void isSigned_uses_the_configured_public_key() {
    Kit.run(SignedTestCase.class, PodArmorConfiguration.TRUST_PUBLIC_KEY, pub.toString())
        .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(Verdicts.setting(PodArmorConfiguration.TRUST_PUBLIC_KEY)).as("restored after the run").isEmpty();
  }

  @Test
  void without_trust_configuration_a_key_signature_does_not_count() {
    Kit.run(SignedTestCase.class).testEvents().assertThatEvents().haveExactly(1, event(test("signed"),
        finishedWithFailure(message(m -> m.contains("to be signed (any valid signature; no trust policy configured)")
            && m.contains("signed with a key, but no public key is configured to verify it")))));
  }
}
