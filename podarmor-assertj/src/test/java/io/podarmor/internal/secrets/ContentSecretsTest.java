package io.podarmor.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.internal.fs.ScanHit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credential files by path and content, and what is never scanned. */
class ContentSecretsTest {
  static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "b3BlbnNzaC1rZXktdjE".repeat(5) + "\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/root/.ssh/id_rsa|anything|SSH private key",
      "/home/app/.ssh/id_ed25519|anything|SSH private key",
      "/etc/ssh/ssh_host_ed25519_key|anything|SSH private key",
      "/app/server.key|@KEY@|-----BEGIN OPENSSH PRIVATE KEY-----",
      "/app/.env|# settings\\nDEBUG=1\\nDB_PASSWORD=hunter2\\n|DB_PASSWORD=hun…",
      "/app/.env.production|PORT=8080\\n|PORT=80…",
      "/app/credentials.json|{\"type\": \"service_account\"}|credentials file",
      "/root/.aws/credentials|[default]\\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\\naws_secret_access_key = wJalrXUtnFEMI\\n|aws_secret_access_key=wJal…",
      "/root/.docker/config.json|{\"auths\": {\"registry.example.com\": {\"auth\": \"dXNlcjpmYWtl\"}}}|auths.registry.example.com.auth=dXNl…",
      "/root/.docker/config.json|{\"auths\": {\"r.example\": {\"identitytoken\": \"fake-identity\"}}}|auths.r.example.identitytoken=fake…",
      // a key repeated, or the document broken after the secret: the secret is in the image all the same
      "/root/.docker/config.json|{\"auths\": {\"r.example\": {\"auth\": \"dXNlcjpmYWtl\"}}, \"auths\": {}}|auths.r.example.auth=dXNl…",
      "/root/.docker/config.json|{\"auths\": {\"r.example\": {\"auth\": \"dXNlcjpmYWtl\"}}, oops|auths.r.example.auth=dXNl…",
      "/root/.docker/config.json|{\"auths\": {\"r.example\": {\"auth\": \"\", \"auth\": \"dXNlcjpmYWtl\"}}}|auths.r.example.auth=dXNl…",
      // broken before it: found by its key alone
      "/root/.docker/config.json|{\"credsStore\": oops, \"auths\": {\"r.example\": {\"auth\": \"dXNlcjpmYWtl\"}}}|auth=dXNl…",
      // the docker CLI decodes its config with Go's encoding/json: struct fields match keys without regard to case, and
      // Go folds ſ to s and the Kelvin sign to k
      "/root/.docker/config.json|{\"AUTHS\": {\"r.example\": {\"Auth\": \"dXNlcjpmYWtl\"}}}|auths.r.example.auth=dXNl…",
      "/root/.docker/config.json|{\"auth\u017f\": {\"r.example\": {\"identityto\u212aen\": \"fake-identity\"}}}|auths.r.example.identitytoken=fake…",
      "/root/.docker/config.json|{\"credsStore\": oops, \"Auths\": {\"r.example\": {\"AUTH\": \"dXNlcjpmYWtl\"}}}|auth=dXNl…",
      "/home/node/.npmrc|//registry.npmjs.org/:_authToken=npm_fakefakefake\\n|//registry.npmjs.org/:_authToken=npm_…",
      "/root/.git-credentials|https://alice:hunter2@github.com\\n|https://alice:hun…@github.com",
      "/root/.netrc|machine example.com login alice password hunter2\\n|password hun…",
      "/root/.pgpass|localhost:5432:*:app:hunter2\\n|localhost:5432:*:app:hun…",
  })
  void finds(String path, String content, String evidence) {
    assertThat(scan(path, content)).containsExactly(path + ": " + evidence);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/root/.ssh/id_rsa.pub|ssh-rsa AAAAB3Nza fake",
      "/root/.ssh/known_hosts|github.com ssh-ed25519 AAAAC3Nza",
      "/etc/ssh/ssh_host_ed25519_key.pub|ssh-ed25519 AAAAC3Nza",
      "/etc/ssl/certs/ca.pem|-----BEGIN CERTIFICATE-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n",
      "/app/.env|# nothing set\\nDB_PASSWORD=\\nKEY_FILE=/run/secrets/key\\n",
      "/app/.env.example|DB_PASSWORD=hunter2\\n",
      "/root/.aws/credentials|[default]\\naws_secret_access_key =\\n",
      "/root/.docker/config.json|{\"auths\": {\"r.example\": {}}, \"credsStore\": \"pass\"}",
      "/root/.docker/config.json|not json",
      "/home/node/.npmrc|//registry.npmjs.org/:_authToken=${NPM_TOKEN}\\n",
      "/home/node/.npmrc|registry=https://registry.npmjs.org/\\n",
      "/root/.netrc|machine example.com login alice\\n",
      "/usr/share/doc/pkg/examples/config|aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "/usr/lib/python3.11/test/keycert.pem|@KEY@",
      "/usr/local/lib/node_modules/x/test/fixtures/id_rsa|@KEY@",
      "/app/bin/tool|\\u0000ELF AKIAIOSFODNN7EXAMPLE",
  })
  void ignores(String path, String content) {
    assertThat(scan(path, content)).isEmpty();
  }

  private static List<String> scan(String path, String content) {
    String text = content.replace("\\n", "\n").replace("\\u0000", "\0").replace("@KEY@", KEY);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<ScanHit> hits = new ArrayList<>();
    if (ContentSecrets.SCANNER.scans(path, bytes.length)) {
      ContentSecrets.SCANNER.scan(path, bytes, bytes.length, hits);
    }
    return hits.stream().map(h -> h.path() + ": " + h.evidence()).collect(Collectors.toList());
  }
}
