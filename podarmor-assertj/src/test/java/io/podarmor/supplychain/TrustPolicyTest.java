package io.podarmor.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {
  @Test
  void an_exact_keyless_policy_accepts_only_that_identity_and_issuer() {
    TrustPolicy policy = TrustPolicy.keyless("release@acme.example", "https://accounts.example");
    assertThat(policy.acceptsSigner("release@acme.example", "https://accounts.example")).isTrue();
    assertThat(policy.acceptsSigner("release@acme.example.evil", "https://accounts.example")).isFalse();
    assertThat(policy.acceptsSigner("release@acme.example", "https://other.example")).isFalse();
    assertThat(policy.acceptsSigner(null, null)).isFalse();
    assertThat(policy).hasToString("identity release@acme.example, issuer https://accounts.example");
  }

  @Test
  void a_regex_policy_matches_whole_strings() {
    TrustPolicy policy = TrustPolicy.keylessMatching("https://github\\.com/acme/.*", "https://token\\.example");
    assertThat(policy.acceptsSigner("https://github.com/acme/api/.github/workflows/r.yml@refs/heads/main",
        "https://token.example")).isTrue();
    assertThat(policy.acceptsSigner("https://github.com/evil/acme/x", "https://token.example")).isFalse();
    assertThat(policy.acceptsSigner("https://github.com/acme/x", "https://token.example.evil")).isFalse();
    assertThat(policy).hasToString("identity matching https://github\\.com/acme/.*, issuer matching"
        + " https://token\\.example");
  }

  @Test
  void bad_arguments_are_named() {
    assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.keylessMatching("(", ".*"))
        .withMessageStartingWith("identityRegex is not a valid regular expression: (");
    assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.keyless(" ", "x"))
        .withMessage("identity must not be blank");
  }

  @Test
  void a_key_policy_keeps_its_trusted_root() {
    TrustPolicy policy = TrustPolicy.publicKey(Path.of("cosign.pub")).withTrustedRoot(Path.of("root.json"));
    assertThat(policy.publicKey()).contains(Path.of("cosign.pub"));
    assertThat(policy.trustedRoot()).contains(Path.of("root.json"));
    assertThat(policy.identity()).isEmpty();
    assertThat(policy).hasToString("public key cosign.pub");
  }
}
