package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A real bundle of the public-good Sigstore instance (a Fulcio certificate of a GitHub Actions workflow, a Rekor v1
 * {@code dsse} entry with its SET, inclusion proof and checkpoint, a DSSE envelope over an SLSA provenance statement)
 * through PodArmor's bundle path, offline, against the public-good {@code trusted_root.json} it was signed under; see
 * {@code interop/public-good/README.md} for where each file comes from.
 */
class PublicGoodBundleTest {
  private static final String DIR = "/interop/public-good/";
  /** SHA-256 of {@code artifact.txt}, the statement's only subject ({@code a.txt}). */
  private static final String ARTIFACT_SHA256 = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  private static final String IDENTITY =
      "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  @Test
  void theArtifactIsTheStatementSubject() throws Exception {
    byte[] artifact = Files.readAllBytes(resource("artifact.txt"));
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact)))
        .isEqualTo(ARTIFACT_SHA256);
  }

  @Test
  void verifiesThroughPodArmorsBundlePathAndNamesTheSigner() throws Exception {
    KeylessVerifier.Signer signer = verify(ARTIFACT_SHA256);
    assertThat(signer.identity()).isEqualTo(IDENTITY);
    assertThat(signer.issuer()).isEqualTo(ISSUER);
    assertThat(signer.integratedTime()).isEqualTo(Instant.ofEpochSecond(1732135425L));
  }

  @Test
  void anotherArtifactDigestIsRejected() {
    assertThatThrownBy(() -> verify("00".repeat(32)))
        .hasMessage("the signed statement does not name this artifact (Provided artifact digest does not match any subject sha256 digests"
            + " in DSSE payload provided(hex) : " + "00".repeat(32) + " verification  : [" + ARTIFACT_SHA256 + "])");
  }

  private static KeylessVerifier.Signer verify(String artifactSha256) throws Exception {
    TrustedRoot root = TrustedRoot.load(resource("trusted_root.json"));
    String json = Files.readString(resource("bundle.dsse.sigstore"), StandardCharsets.UTF_8);
    return KeylessBundles.verify(root, json, new ObjectMapper().readTree(json), artifactSha256);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PublicGoodBundleTest.class.getResource(DIR + name).toURI());
  }
}
