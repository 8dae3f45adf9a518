package io.podarmor.internal.signature;

import io.podarmor.verdict.Verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustSettingsTest {
  static TrustSettings.Configured with(Map<String, String> values) throws Exception {
    try (AutoCloseable ignored = Verdicts.configure(k -> Optional.ofNullable(values.get(k)))) {
      return TrustSettings.configured();
    }
  }

  @Test
  void builds_a_key_or_keyless_policy_with_the_trusted_root() throws Exception {
    TrustSettings.Configured key = with(Map.of(TrustSettings.PUBLIC_KEY, "k.pub", TrustSettings.TRUSTED_ROOT, "r.json"));
    assertThat(key.policy.publicKey()).contains(Path.of("k.pub"));
    assertThat(key.policy.trustedRoot()).contains(Path.of("r.json"));
    TrustSettings.Configured keyless = with(Map.of(TrustSettings.IDENTITY, "a@b", TrustSettings.ISSUER, "https://i"));
    assertThat(keyless.policy).hasToString("identity a@b, issuer https://i");
    TrustSettings.Configured rootOnly = with(Map.of(TrustSettings.TRUSTED_ROOT, "r.json"));
    assertThat(rootOnly.policy).isNull();
    assertThat(rootOnly.trustedRoot).isEqualTo(Path.of("r.json"));
    assertThat(with(Map.of(TrustSettings.PUBLIC_KEY, "  ")).policy).as("blank is unset").isNull();
  }

  @Test
  void rejects_inconsistent_settings() {
    assertThatIllegalArgumentException().isThrownBy(() -> with(Map.of(TrustSettings.ISSUER, "https://i")))
        .withMessageStartingWith("podarmor.trust.issuer is set but podarmor.trust.identity is not");
    assertThatIllegalArgumentException().isThrownBy(() -> with(Map.of(TrustSettings.PUBLIC_KEY, "k.pub",
        TrustSettings.IDENTITY, "a@b", TrustSettings.ISSUER, "https://i")))
        .withMessage("both podarmor.trust.public-key and podarmor.trust.identity/podarmor.trust.issuer are set:"
            + " configure a key-based or a keyless policy, not both");
  }

  @Test
  void environment_variable_names() {
    assertThat(Verdicts.environmentVariable(TrustSettings.TRUSTED_ROOT)).isEqualTo("PODARMOR_TRUST_TRUSTED_ROOT");
  }
}
