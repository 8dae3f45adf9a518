package io.podarmor.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Which in-toto predicates are SBOMs, and how a bundle's DSSE payload is read. */
class InTotoSbomsTest {
  @Test
  void spdx_and_cyclonedx_predicates_and_their_versioned_variants_are_sboms() {
    assertThat(InTotoSboms.isSbomPredicate("https://spdx.dev/Document")).isTrue();
    assertThat(InTotoSboms.isSbomPredicate("https://cyclonedx.org/bom")).isTrue();
    assertThat(InTotoSboms.isSbomPredicate("https://cyclonedx.org/bom/v1.5")).isTrue();
    assertThat(InTotoSboms.isSbomPredicate("https://spdx.dev/Document/v2.3")).isTrue();
    assertThat(InTotoSboms.isSbomPredicate("https://slsa.dev/provenance/v1")).isFalse();
    assertThat(InTotoSboms.isSbomPredicate("https://sigstore.dev/cosign/sign/v1")).isFalse();
    assertThat(InTotoSboms.isSbomPredicate("https://cyclonedx.org/bomb")).isFalse();
  }

  @Test
  void bundles_of_other_predicates_and_message_signatures_carry_no_sbom() {
    String statement = "{\"predicateType\":\"https://slsa.dev/provenance/v1\",\"subject\":[],\"predicate\":{}}";
    String bundle = "{\"dsseEnvelope\":{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
        + Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8)) + "\"}}";
    assertThat(InTotoSboms.fromBundle(bundle.getBytes(StandardCharsets.UTF_8), "b")).isEmpty();
    assertThat(InTotoSboms.fromBundle("{\"messageSignature\":{}}".getBytes(StandardCharsets.UTF_8), "b")).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InTotoSboms.fromBundle("{\"dsseEnvelope\":{\"payload\":\"%%\"}}"
            .getBytes(StandardCharsets.UTF_8), "referrer sha256:ab"))
        .withMessage("sigstore bundle from referrer sha256:ab is not a bundle with a DSSE envelope: its payload is"
            + " not base64");
  }

  @Test
  void a_statement_that_is_not_json_is_named_with_the_line_and_column_in_one_line() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InTotoSboms.fromStatement("{\"predicateType\":\n tru}".getBytes(StandardCharsets.UTF_8),
            "BuildKit attestation sha256:ab layer 0"))
        .withMessage("attestation from BuildKit attestation sha256:ab layer 0 is not an in-toto statement: "
            + "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true'"
            + " or 'false') at line 2, column 2");
  }
}
