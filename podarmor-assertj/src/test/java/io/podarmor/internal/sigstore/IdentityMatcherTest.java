package io.podarmor.internal.sigstore;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentityMatcherTest {
    private static final String ISSUER = "https://token.actions.githubusercontent.com";

    @Test
    void exactMatchPassesAndNamesTheMismatch() {
        IdentityMatcher m = IdentityMatcher.exact("dev@example.com", ISSUER);
        assertThatCode(() -> m.check("dev@example.com", ISSUER)).doesNotThrowAnyException();
        assertThatThrownBy(() -> m.check("eve@example.com", ISSUER))
                .isInstanceOf(SignatureRejected.class)
                .hasMessage("certificate identity 'eve@example.com' does not match expected 'dev@example.com'");
        assertThatThrownBy(() -> m.check("dev@example.com", "https://accounts.google.com"))
                .hasMessage("certificate OIDC issuer 'https://accounts.google.com' does not match expected '"
                        + ISSUER + "'");
        assertThatThrownBy(() -> m.check("dev@example.com", null))
                .hasMessage("certificate OIDC issuer (none) does not match expected '" + ISSUER + "'");
    }

    @Test
    void regexMustMatchTheWholeValue() {
        IdentityMatcher m = IdentityMatcher.regex("https://github\\.com/acme/.*", "https://token\\..*");
        assertThatCode(() -> m.check("https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main", ISSUER))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> m.check("https://evil.example/https://github.com/acme/x", ISSUER))
                .hasMessage("certificate identity 'https://evil.example/https://github.com/acme/x' does not match"
                        + " regex 'https://github\\.com/acme/.*'");
    }
}
