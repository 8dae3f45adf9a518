package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.DockerCli;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every secret value here is a fake: AWS's documented example key, made-up tokens. */
class ImageAssert_hasNoSecrets_Test {
  static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String GITHUB = "ghp_" + "FAKEfake".repeat(4) + "0000";
  static final String PEM_BODY = "MIIEowIBAAKCAQEAfakefakefakefakefakefakefakefake\n" + "ZmFrZQ".repeat(10) + "\n";
  static final String RSA_KEY = "-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY + "-----END RSA PRIVATE KEY-----\n";
  static final String OPENSSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PEM_BODY
      + "-----END OPENSSH PRIVATE KEY-----\n";
  static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\n" + PEM_BODY + "-----END CERTIFICATE-----\n";

  /** References, public keys, placeholders, documentation, libraries' test fixtures, binaries: nothing to report. */
  static final TestImage CLEAN = TestImage.named(SourceImages.PREFIX + "secrets-clean:1")
      .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
      .env("GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D")
      .env("KEY_FILE_PATH=/run/secrets/x")
      .env("DB_PASSWORD_FILE=/run/secrets/db")
      .env("PASSWORD=")
      .env("ACCESS_LOG=off")
      .label("org.opencontainers.image.title", "api")
      .history("/bin/sh -c #(nop)  ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D", true)
      .history("ARG TOKEN", true)
      .history("COPY . / # buildkit", false)
      .layer(Layer.create()
          .file("/etc/ssl/certs/ca.pem", CERTIFICATE, 0644)
          .file("/usr/share/doc/app/example.conf", "aws_access_key_id = " + AWS_KEY_ID + "\n", 0644)
          .file("/usr/lib/python3.11/test/keycert.pem", RSA_KEY, 0644)
          .file("/root/.ssh/id_rsa.pub", "ssh-rsa AAAAB3NzaC1yc2E fake@example\n", 0600)
          .file("/app/.env.example", "DB_PASSWORD=hunter2\n", 0644)
          .file("/app/.env", "DB_PASSWORD=\nKEY_FILE=/run/secrets/key\n", 0644)
          .file("/app/parser.py", "HEADER = \"-----BEGIN RSA PRIVATE KEY-----\"\n", 0644)
          .file("/app/bin/tool", ("\u007fELF\0\0\0" + AWS_KEY_ID).getBytes(), 0755)
          .file("/root/.docker/config.json", "{\"auths\": {\"registry.example.com\": {}}, \"credsStore\": \"pass\"}",
              0600));

  /** Secrets in the config and in the history, as the legacy builder, BuildKit and Buildah record them. */
  static final TestImage CONFIG = TestImage.named(SourceImages.PREFIX + "secrets-config:1")
      .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
      .env("DB_PASSWORD=hunter2")
      .env("AWS_SECRET_ACCESS_KEY=" + AWS_SECRET)
      .env("AWS_ACCESS_KEY_ID=" + AWS_KEY_ID)
      .env("GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D")
      .label("com.example.api-token", "fake-label-token")
      .history("/bin/sh -c #(nop)  ENV API_TOKEN=fake-legacy-env", true)
      .history("|1 BUILD_TOKEN=fake-legacy-arg /bin/sh -c make", false)
      .history("ARG NPM_TOKEN=fake-buildkit-arg", true)
      .history("RUN |2 GITHUB_TOKEN=fake-buildkit-run OTHER=x /bin/sh -c make # buildkit", false)
      .history("/bin/sh -c #(nop) ENV SECRET_KEY=fake-buildah-env", true)
      .history("ENV KEY_FILE_PATH=/run/secrets/x", true)
      .layer(Layer.create().file("/app/a", "a", 0644))
      .layer(Layer.create().file("/app/b", "b", 0644));

  /** Credential files and tokens, one removed and one replaced by a later layer: they still ship in layer 1. */
  static final TestImage FILES = TestImage.named(SourceImages.PREFIX + "secrets-files:1")
      .layer(Layer.create()
          .file("/root/.ssh/id_rsa", OPENSSH_KEY, 0600)
          .file("/root/.aws/credentials", "[default]\naws_access_key_id = " + AWS_KEY_ID
              + "\naws_secret_access_key = " + AWS_SECRET + "\n", 0600)
          .file("/app/config.js", "module.exports = { token: '" + GITHUB + "' };\n", 0644)
          .file("/app/.env", "PORT=8080\nDB_PASSWORD=hunter2\n", 0644)
          .file("/app/credentials.json", "{\"type\": \"service_account\", \"private_key_id\": \"fake\"}", 0644)
          .file("/root/.netrc", "machine example.com login alice password hunter2\n", 0600)
          .file("/root/.pgpass", "localhost:5432:*:app:hunter2\n", 0600)
          .file("/root/.git-credentials", "https://alice:hunter2@github.com\n", 0600))
      .layer(Layer.create()
          .whiteout("/root/.ssh/id_rsa")
          .file("/root/.docker/config.json",
              "{\"auths\": {\"registry.example.com\": {\"auth\": \"ZmFrZTpmYWtl\"}}}", 0600)
          .file("/home/node/.npmrc", "//registry.npmjs.org/:_authToken=npm_FAKEfakeFAKEfake\n", 0644)
          .file("/etc/ssh/ssh_host_ed25519_key", OPENSSH_KEY, 0600)
          .file("/app/server.pem", RSA_KEY, 0600))
      .layer(Layer.create()
          .file("/app/config.js", "module.exports = { token: process.env.TOKEN };\n", 0644));

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, CLEAN, CONFIG, FILES);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void passes_on_references_public_keys_placeholders_docs_and_fixtures(Source source) {
    // GIVEN
    ContainerImage image = images.open(CLEAN, source);
    // WHEN / THEN
    assertThat(image).hasNoSecrets();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_on_secrets_in_the_config_and_the_history_of_every_builder(Source source) {
    // GIVEN
    ContainerImage image = images.open(CONFIG, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSecrets())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no secrets%nbut found:%n"
            + "  ENV DB_PASSWORD=hun… (config Env)%n"
            + "  ENV AWS_SECRET_ACCESS_KEY=wJal… (config Env)%n"
            + "  ENV AWS_ACCESS_KEY_ID: AWS access key id AKIA… (config Env)%n"
            + "  LABEL com.example.api-token=fake… (config label)%n"
            + "  ENV API_TOKEN=fake… (history step 1)%n"
            + "  ARG BUILD_TOKEN=fake… (history step 2)%n"
            + "  ARG NPM_TOKEN=fake… (history step 3)%n"
            + "  ARG GITHUB_TOKEN=fake… (history step 4)%n"
            + "  ENV SECRET_KEY=fake… (history step 5)", name(image)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Source.class)
  void fails_on_credential_files_and_tokens_in_every_layer_even_removed_ones(Source source) {
    // GIVEN
    ContainerImage image = images.open(FILES, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).hasNoSecrets())
        .withMessage(String.format("%nExpecting image:%n  %s%nto have no secrets%nbut found:%n"
            + "  /app/.env (layer 1: DB_PASSWORD=hun…)%n"
            + "  /app/config.js (layer 1, replaced by layer 3: GitHub token ghp_…)%n"
            + "  /app/credentials.json (layer 1: credentials file)%n"
            + "  /root/.aws/credentials (layer 1: aws_secret_access_key=wJal…)%n"
            + "  /root/.git-credentials (layer 1: https://alice:hun…@github.com)%n"
            + "  /root/.netrc (layer 1: password hun…)%n"
            + "  /root/.pgpass (layer 1: localhost:5432:*:app:hun…)%n"
            + "  /root/.ssh/id_rsa (layer 1, removed by layer 2: SSH private key)%n"
            + "  /app/server.pem (layer 2: -----BEGIN RSA PRIVATE KEY-----)%n"
            + "  /etc/ssh/ssh_host_ed25519_key (layer 2: SSH private key)%n"
            + "  /home/node/.npmrc (layer 2: //registry.npmjs.org/:_authToken=npm_…)%n"
            + "  /root/.docker/config.json (layer 2: auths.registry.example.com.auth=ZmFr…)", name(image)));
  }

  @Test
  void fails_on_an_image_built_by_the_legacy_builder(@TempDir Path context) throws IOException {
    // GIVEN: DOCKER_BUILDKIT=0 docker build of a Dockerfile that copies a key and sets a token
    String tag = SourceImages.PREFIX + "secrets-built:1";
    Files.writeString(context.resolve("settings.conf"), "region = eu-west-1\nkey_id = " + AWS_KEY_ID + "\n");
    Files.writeString(context.resolve("Dockerfile"),
        "FROM scratch\nCOPY settings.conf /app/settings.conf\nENV API_TOKEN=fake-api-token-0000\n");
    DockerCli.exec(List.of("/usr/bin/docker", "build", "-q", "-t", tag, "."), context,
        Map.of("DOCKER_BUILDKIT", "0"));
    try {
      ContainerImage image = ContainerImage.fromDaemon(tag);
      // WHEN / THEN
      assertThatExceptionOfType(AssertionError.class)
          .isThrownBy(() -> assertThat(image).hasNoSecrets())
          .withMessage(String.format("%nExpecting image:%n  %s%nto have no secrets%nbut found:%n"
              + "  ENV API_TOKEN=fake… (config Env)%n"
              + "  ENV API_TOKEN=fake… (history step 2)%n"
              + "  /app/settings.conf (layer 1: AWS access key id AKIA…)", name(image)));
    } finally {
      DockerCli.run("rmi", "-f", tag);
    }
  }
}
