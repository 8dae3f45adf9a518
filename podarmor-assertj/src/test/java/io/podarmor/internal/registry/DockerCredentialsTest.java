package io.podarmor.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How credentials are looked up in {@code config.json}, as the docker CLI looks them up. */
class DockerCredentialsTest {
  @TempDir Path tmp;
  private Path config;
  private Path bin;
  private DockerCredentials credentials;

  @BeforeEach
  void setUp() throws IOException {
    config = tmp.resolve("config.json");
    bin = Files.createDirectories(tmp.resolve("bin"));
    credentials = new DockerCredentials(RegistryOptions.builder().dockerConfigDir(tmp).helperPath(List.of(bin))
        .build());
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noConfigFileMeansAnonymous() {
    assertThat(credentials.find("ghcr.io")).isEmpty();
  }

  @Test
  void dockerHubCredentialsAreUnderTheV1Key() throws IOException {
    Files.writeString(config, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("hub:pw")
        + "\"},\"ghcr.io\":{\"auth\":\"" + base64("gh:pw2") + "\"}}}");

    Credential hub = credentials.find(ImageReference.parse("alpine").credentialKey()).orElseThrow();
    Credential ghcr = credentials.find(ImageReference.parse("ghcr.io/a/b").credentialKey()).orElseThrow();

    assertThat(hub.username()).isEqualTo("hub");
    assertThat(hub.secret()).isEqualTo("pw");
    assertThat(hub.source()).isEqualTo("auths in " + config);
    assertThat(ghcr.username()).isEqualTo("gh");
    assertThat(credentials.find("quay.io")).isEmpty();
  }

  @Test
  void aPasswordMayContainColons() throws IOException {
    Files.writeString(config, "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + base64("u:p:a:ss") + "\"}}}");

    assertThat(credentials.find("ghcr.io").orElseThrow().secret()).isEqualTo("p:a:ss");
  }

  @Test
  void aPerRegistryHelperWinsOverAuths() throws IOException {
    Path helper = bin.resolve("docker-credential-podarmortest");
    Files.writeString(helper, "#!/bin/sh\ncat >/dev/null\necho '{\"Username\":\"<token>\",\"Secret\":\"idt\"}'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(config, "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + base64("u:p") + "\"}},"
        + "\"credHelpers\":{\"ghcr.io\":\"podarmortest\"}}");

    Credential c = credentials.find("ghcr.io").orElseThrow();

    assertThat(c.hasIdentityToken()).isTrue();
    assertThat(c.identityToken()).isEqualTo("idt");
    assertThat(c.describe()).isEqualTo("an identity token from credential helper docker-credential-podarmortest");
  }

  @Test
  void aFailingHelperSaysWhatItPrinted() throws IOException {
    Path helper = bin.resolve("docker-credential-podarmortest");
    Files.writeString(helper, "#!/bin/sh\necho 'keychain locked' >&2\nexit 3\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(config, "{\"credHelpers\":{\"ghcr.io\":\"podarmortest\"}}");

    assertThatThrownBy(() -> credentials.find("ghcr.io"))
        .isInstanceOf(ImageException.class)
        .hasMessage("credential helper docker-credential-podarmortest (configured in " + config + " (credHelpers))"
            + " failed for ghcr.io (exit code 3): keychain locked");
  }

  @Test
  void anAuthThatIsNotBase64() throws IOException {
    Files.writeString(config, "{\"auths\":{\"ghcr.io\":{\"auth\":\"%%%\"}}}");

    assertThatThrownBy(() -> credentials.find("ghcr.io"))
        .isInstanceOf(ImageException.class)
        .hasMessage("Cannot read auths in " + config + ": the 'auth' value is not base64");
  }
}
