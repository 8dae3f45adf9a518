package io.podarmor.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenScannerTest {
  static final String GHP = "ghp_" + "a".repeat(20) + "B".repeat(16);
  static final String PAT = "github_pat_" + "A".repeat(22) + "_" + "b".repeat(59);
  static final String PEM_BODY = "MIIEpAIBAAKCAQEA" + "x".repeat(60) + "\n" + "y".repeat(64) + "\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE|AWS access key id AKIA…",
      "\"ASIAIOSFODNN7EXAMPLE\"|AWS access key id ASIA…",
      "token: ghp_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBBB|GitHub token ghp_…",
      "gho_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBBB|GitHub token gho_…",
      "ghs_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBBB|GitHub token ghs_…",
      "GITLAB=glpat-abcdefghij0123456789|GitLab token glpa…",
      "glpat-abc_efghij-123456789|GitLab token glpa…",
      "slack xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1|Slack token xoxb…",
      "xoxp-1234567890|Slack token xoxp…",
  })
  void finds(String text, String evidence) {
    assertThat(TokenScanner.scan(text)).containsExactly(evidence);
  }

  @Test
  void finds_fine_grained_github_tokens() {
    assertThat(TokenScanner.scan("x " + PAT + "\n")).containsExactly("GitHub token gith…");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "-----BEGIN PRIVATE KEY-----\n",
      "-----BEGIN RSA PRIVATE KEY-----\r\n",
      "-----BEGIN EC PRIVATE KEY-----\n",
      "-----BEGIN OPENSSH PRIVATE KEY-----\n",
      "-----BEGIN DSA PRIVATE KEY-----\n",
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\n",
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123ABCD\n\n",
  })
  void finds_pem_private_keys_with_a_body(String header) {
    String key = header + PEM_BODY + "-----END PRIVATE KEY-----\n";
    assertThat(TokenScanner.scan(key)).containsExactly(header.substring(0, header.indexOf("-----", 5) + 5));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "AKIAIOSFODNN7EXAMPL",                       // 15 characters
      "AKIAIOSFODNN7EXAMPLEX",                     // 17: part of a longer word
      "XAKIAIOSFODNN7EXAMPLE",                     // inside a word
      "AKIAiosfodnn7example",                      // lower case
      "AKIBIOSFODNN7EXAMPLE",
      "ghp_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBB",   // 35
      "ghp_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBBBB", // 37
      "ghx_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBBB",
      "my_ghp_aaaaaaaaaaaaaaaaaaaaBBBBBBBBBBBBBBBB",
      "github_pat_short_token",
      "glpat-abcdefghij012345678",                 // 19
      "glpat-abcdefghij01234567890",               // 21
      "xoxb-short",
      "xoxb-abcdefghijklmnop",                     // no team number
      "xoxz-1234567890123",
      "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
      "-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxxxxxxxxxxxxxxxxxxxxxxxxx\n",
      "PRIVATE_KEY_HEADER = \"-----BEGIN RSA PRIVATE KEY-----\"\nif line == PRIVATE_KEY_HEADER:\n",
      "-----BEGIN RSA PRIVATE KEY-----\nshort\n-----END RSA PRIVATE KEY-----",
  })
  void ignores_near_misses(String text) {
    assertThat(TokenScanner.scan(text)).isEmpty();
  }

  @Test
  void reports_each_kind_once() {
    assertThat(TokenScanner.scan("AKIAIOSFODNN7EXAMPLE\nAKIAI44QH8DHBEXAMPLE\n" + GHP))
        .containsExactly("AWS access key id AKIA…", "GitHub token ghp_…");
  }
}
