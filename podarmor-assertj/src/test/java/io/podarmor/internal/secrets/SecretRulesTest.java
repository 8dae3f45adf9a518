package io.podarmor.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRulesTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "DB_PASSWORD|hunter2",
      "PASSWORD|s3cr3t-value",
      "db.password|hunter2",
      "dbPassword|hunter2",
      "AWS_SECRET_ACCESS_KEY|wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "AWS_ACCESS_KEY|AKIAIOSFODNN7EXAMPLE",
      "API_TOKEN|fake-token-123",
      "GITHUB_TOKEN|ghp_fake",
      "APIKEY|fake123",
      "api-key|fake123",
      "CLIENT_SECRET|fake123",
      "NPM_AUTHTOKEN|fake123",
      "SMTP_PASS|fake123",
      "GOOGLE_CREDENTIALS|{\"type\": \"service_account\"}",
      "REGISTRY_CREDS|user:fake",
      "KEYSTORE_PASSPHRASE|fake123",
      "ACCESS_TOKEN|fake123",
      "SECRET_KEY_BASE|'quoted-fake'",
  })
  void fires(String name, String value) {
    assertThat(SecretRules.isSecret(name, value)).isTrue();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "GPG_KEY|A035C8C19219BA821ECEA86B64E628F8D684696D",
      "PYTHON_GPG_KEY|A035C8C19219BA821ECEA86B64E628F8D684696D",
      "GPG_KEYS|A035C8C19219BA821ECEA86B64E628F8D684696D",
      "NODE_PGP_KEY|4ED778F539E3634C779C87C6D7062848A1AB005C",
      "PUBLIC_KEY|ssh-ed25519 AAAAC3Nza fake",
      "JWT_PUBKEY|fake123",
      "KEY_ID|0123ABCD",
      "AWS_ACCESS_KEY_ID|not-a-token-format",
      "KEY_FILE_PATH|/run/secrets/x",
      "DB_PASSWORD_FILE|/run/secrets/db",
      "DB_PASSWORD_FILE|secrets/db",
      "DB_PASSWORD|/run/secrets/db",
      "PASSWORD|",
      "PASSWORD|   ",
      "PASSWORD|''",
      "TOKEN|$TOKEN",
      "TOKEN|${CI_TOKEN}",
      "TOKEN_ENABLED|true",
      "ACCESS_LOG|off",
      "ACCESS_LOG|stdout",
      "KEYBOARD_LAYOUT|us",
      "PASSENGER_APP_ENV|production",
      "TOKEN_URL|https://auth.example.com/token",
      "SECRET_NAME|db-credentials",
      "KEY_SIZE|4096",
      "PATH|/usr/local/sbin:/usr/local/bin",
      "LANG|C.UTF-8",
      "PWD|app",
  })
  void does_not_fire(String name, String value) {
    assertThat(SecretRules.isSecret(name, value)).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "wJalrXUtnFEMI/K7MDENG|wJal…",
      "hunter2|hun…",
      "abc|a…",
      "x|…",
  })
  void redacts_to_at_most_four_characters_and_never_half_the_value(String value, String redacted) {
    assertThat(SecretRules.redact(value)).isEqualTo(redacted);
  }
}
