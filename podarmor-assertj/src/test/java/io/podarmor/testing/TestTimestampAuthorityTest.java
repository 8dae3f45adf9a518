package io.podarmor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.timestamp.client.ImmutableTimestampResponse;
import dev.sigstore.timestamp.client.TimestampVerificationException;
import dev.sigstore.timestamp.client.TimestampVerifier;
import dev.sigstore.trustroot.CertificateAuthority;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test TSA's timestamps as Sigstore's own timestamp verifier judges them against a trusted root naming it. */
class TestTimestampAuthorityTest {
  private static final byte[] SIGNATURE = "a signature".getBytes(StandardCharsets.UTF_8);
  private static final TestTimestampAuthority TSA = TestTimestampAuthority.create("trusted");
  private static final TestTimestampAuthority OTHER = TestTimestampAuthority.create("other");

  @TempDir
  Path tmp;

  @Test
  void aTimestampOverTheSignatureVerifies() throws Exception {
    Instant at = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    byte[] signedTimestamp = TSA.timestamp(SIGNATURE, at);
    assertThatCode(() -> verifier().verify(response(signedTimestamp), SIGNATURE)).doesNotThrowAnyException();
    assertThat(response(signedTimestamp).getGenTime().toInstant()).isEqualTo(at);
  }

  @Test
  void aTimestampWithoutTheTsaCertificateVerifiesAgainstTheTrustedLeaf() throws Exception {
    byte[] signedTimestamp = TSA.timestampWithoutCertificate(SIGNATURE, Instant.now());
    assertThat(new TimeStampResponse(signedTimestamp).getTimeStampToken().getCertificates().getMatches(null)).isEmpty();
    assertThatCode(() -> verifier().verify(response(signedTimestamp), SIGNATURE)).doesNotThrowAnyException();
  }

  @Test
  void aTimestampOverOtherBytesIsRejected() throws Exception {
    byte[] signedTimestamp = TSA.timestamp("another signature".getBytes(StandardCharsets.UTF_8));
    TimestampVerifier verifier = verifier();
    assertThatThrownBy(() -> verifier.verify(response(signedTimestamp), SIGNATURE))
        .isInstanceOf(TimestampVerificationException.class)
        .hasMessage("Timestamp message imprint digest does not match artifact hash");
  }

  @Test
  void aTimestampFromAnotherTsaIsRejected() throws Exception {
    byte[] signedTimestamp = OTHER.timestamp(SIGNATURE);
    TimestampVerifier verifier = verifier();
    assertThatThrownBy(() -> verifier.verify(response(signedTimestamp), SIGNATURE))
        .isInstanceOf(TimestampVerificationException.class)
        .hasMessage("Certificates in token were not verifiable against TSAs\n" + TSA.uri()
            + " (Embedded leaf certificate does not match this trusted TSA's leaf.)");
  }

  @Test
  void aTimestampFromAnotherTsaWithoutItsCertificateIsRejected() throws Exception {
    byte[] signedTimestamp = OTHER.timestampWithoutCertificate(SIGNATURE, Instant.now());
    TimestampVerifier verifier = verifier();
    assertThatThrownBy(() -> verifier.verify(response(signedTimestamp), SIGNATURE))
        .isInstanceOf(TimestampVerificationException.class)
        .hasMessage("Certificates in token were not verifiable against TSAs\n" + TSA.uri()
            + " (Failed to validate TimeStampToken)");
  }

  @Test
  void aTimestampOutsideTheTsaCertificatesValidityIsRejected() throws Exception {
    // the token's own validation refuses a signer not valid at the generation time, before the chain is checked
    byte[] signedTimestamp = TSA.timestamp(SIGNATURE, Instant.now().plus(2, ChronoUnit.DAYS));
    TimestampVerifier verifier = verifier();
    assertThatThrownBy(() -> verifier.verify(response(signedTimestamp), SIGNATURE))
        .isInstanceOf(TimestampVerificationException.class)
        .hasMessage("Failed to validate TimeStampToken")
        .cause().hasMessage("certificate not valid when time stamp created.");
  }

  @Test
  void theBareTokenIsNotWhatABundleCarries() throws Exception {
    byte[] token = new TimeStampResponse(TSA.timestamp(SIGNATURE)).getTimeStampToken().getEncoded();
    TimestampVerifier verifier = verifier();
    assertThatThrownBy(() -> verifier.verify(response(token), SIGNATURE))
        .isInstanceOf(TimestampVerificationException.class)
        .hasMessage("Failed to parse TimeStampResponse");
  }

  @Test
  void theTrustedRootNamesTheChainLeafFirst() throws Exception {
    CertificateAuthority tsa = trustedRoot().getTSAs().get(0);
    assertThat(tsa.getUri()).hasToString(TSA.uri());
    assertThat(tsa.getSubject().getCommonName()).isEqualTo("trusted-tsa");
    assertThat(tsa.getSubject().getOrganization()).isEqualTo("trusted");
    List<Certificate> chain = List.copyOf(tsa.getCertPath().getCertificates());
    assertThat(chain).containsExactly(TSA.certificate(), TSA.rootCertificate());
    assertThat(tsa.getValidFor().getEnd()).isEmpty();
    assertThat(TSA.certificate().getCriticalExtensionOIDs()).contains("2.5.29.37");
    assertThat(TSA.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
  }

  @Test
  void addsItselfToATestSigstoreTrustedRoot() throws Exception {
    Path file = TSA.addTo(TestSigstore.create("sigstore").writeTrustedRoot(tmp.resolve("sigstore.json")));
    SigstoreTrustedRoot root;
    try (InputStream in = Files.newInputStream(file)) {
      root = SigstoreTrustedRoot.from(in);
    }
    assertThat(root.getTSAs()).singleElement().satisfies(tsa -> assertThat(tsa.getUri()).hasToString(TSA.uri()));
    assertThat(root.getCAs()).hasSize(1);
    assertThat(root.getTLogs()).hasSize(1);
  }

  private TimestampVerifier verifier() throws Exception {
    return TimestampVerifier.newTimestampVerifier(trustedRoot());
  }

  private SigstoreTrustedRoot trustedRoot() throws Exception {
    Path file = TestTimestampAuthority.writeTrustedRoot(tmp.resolve("trusted_root.json"), TSA);
    try (InputStream in = Files.newInputStream(file)) {
      return SigstoreTrustedRoot.from(in);
    }
  }

  private static ImmutableTimestampResponse response(byte[] signedTimestamp) {
    return ImmutableTimestampResponse.builder().encoded(signedTimestamp).build();
  }
}
