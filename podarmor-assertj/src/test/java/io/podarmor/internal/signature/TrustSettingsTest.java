package io.podarmor.internal.signature;

import io.podarmor.verdict.Verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.podarmor.internal.sigstore.TufTrustedRoot;
import io.podarmor.supplychain.TrustPolicy;
import java.net.URI;
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

  static TufTrustedRoot.Source tuf(Map<String, String> values, TrustPolicy policy) throws Exception {
    try (AutoCloseable ignored = Verdicts.configure(k -> Optional.ofNullable(values.get(k)))) {
      return TrustSettings.tufSource(policy);
    }
  }

  @Test
  void without_a_mirror_the_tuf_source_is_sigstores_public_good_instance_cached_under_the_home() throws Exception {
    TufTrustedRoot.Source source = tuf(Map.of(), null);
    assertThat(source.mirror()).hasToString("https://tuf-repo-cdn.sigstore.dev/");
    assertThat(source.initialRoot()).as("the root shipped in sigstore-java").isNull();
    assertThat(source.cache()).isEqualTo(Path.of(System.getProperty("user.home"), ".sigstore", "podarmor"));
    assertThat(tuf(Map.of(TrustSettings.TUF_CACHE, "/tmp/c"), null).cache()).isEqualTo(Path.of("/tmp/c"));
  }

  @Test
  void a_mirror_comes_from_the_policy_else_the_settings_with_its_initial_root() throws Exception {
    TufTrustedRoot.Source configured = tuf(Map.of(TrustSettings.TUF_MIRROR, "https://tuf.acme.example/",
        TrustSettings.TUF_ROOT, "root.json"), null);
    assertThat(configured.mirror()).hasToString("https://tuf.acme.example/");
    assertThat(configured.initialRoot()).isEqualTo(Path.of("root.json"));
    TrustPolicy policy = TrustPolicy.keyless("a@b", "https://i").withTufMirror(URI.create("http://127.0.0.1:8/"),
        Path.of("p.json"));
    assertThat(tuf(Map.of(TrustSettings.TUF_MIRROR, "https://tuf.acme.example/", TrustSettings.TUF_ROOT,
        "root.json"), policy).initialRoot()).isEqualTo(Path.of("p.json"));
  }

  @Test
  void a_mirror_needs_its_initial_root_and_an_http_url() {
    assertThatIllegalArgumentException().isThrownBy(() -> tuf(Map.of(TrustSettings.TUF_ROOT, "root.json"), null))
        .withMessage("podarmor.trust.tuf-root is set but podarmor.trust.tuf-mirror is not: the initial root.json is"
            + " the root of a TUF mirror");
    assertThatIllegalArgumentException().isThrownBy(() -> tuf(Map.of(TrustSettings.TUF_MIRROR, "file:///srv/tuf",
        TrustSettings.TUF_ROOT, "root.json"), null))
        .withMessage("podarmor.trust.tuf-mirror 'file:///srv/tuf' is not an http or https URL");
    assertThatIllegalArgumentException().isThrownBy(() -> TrustPolicy.keyless("a@b", "https://i")
        .withTufMirror(URI.create("ftp://x/"), Path.of("r.json")))
        .withMessage("mirror must be an http or https URL, not ftp://x/");
  }
}
