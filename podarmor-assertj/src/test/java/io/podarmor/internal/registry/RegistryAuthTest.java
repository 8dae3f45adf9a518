package io.podarmor.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.internal.source.ImageSources;
import io.podarmor.testing.FakeRegistry;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anonymous, bearer-token and basic auth; credentials from a docker config dir and credential helpers. */
class RegistryAuthTest {
  private static final String REPO = "podarmor-test-reg/auth";

  @TempDir Path tmp;
  private Path configDir;
  private Path helperDir;
  private FakeRegistry registry;
  private TestManifest manifest;
  private String ref;

  @BeforeEach
  void start() throws IOException {
    configDir = Files.createDirectories(tmp.resolve("docker"));
    helperDir = Files.createDirectories(tmp.resolve("bin"));
    registry = FakeRegistry.start();
    TestImage image = TestImage.named("podarmor-test-reg/auth:1").label("test", "auth")
        .layer(Layer.create().file("/etc/os-release", "ID=auth\n", 0644));
    manifest = TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI);
    registry.put(REPO, "1", manifest);
    ref = registry.reference(REPO + ":1");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryClient client() {
    return new RegistryClient(RegistryOptions.builder().dockerConfigDir(configDir).helperPath(List.of(helperDir))
        .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).build());
  }

  private Path config(String json) throws IOException {
    return Files.writeString(configDir.resolve("config.json"), json);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A credential helper that logs the server URL it is asked for and answers from a table. */
  private void helper(String name, String host, String user, String secret) throws IOException {
    Path script = helperDir.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n"
        + "[ \"$1\" = get ] || exit 2\n"
        + "url=$(cat)\n"
        + "echo \"$url\" >> '" + tmp.resolve(name + ".log") + "'\n"
        + "if [ \"$url\" = '" + host + "' ]; then\n"
        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret + "\"}' \"$url\"\n"
        + "else\n"
        + "  echo 'credentials not found in native keychain'; exit 1\n"
        + "fi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void anonymousWithoutAnyAuth() {
    RegistryManifest m = client().manifest(ImageReference.parse(ref));

    assertThat(m.digest()).isEqualTo(manifest.digest());
    assertThat(m.mediaType()).isEqualTo(TestManifest.OCI_MANIFEST);
    assertThat(registry.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
  }

  @Test
  void anonymousBearerTokenIsFetchedOnceAndReusedForTheRepository() {
    registry.requireBearer(null, null);
    RegistryClient client = client();

    ContainerImage image = ImageSources.fromRegistry(ref, client);

    assertThat(image.digest()).isEqualTo(manifest.digest());
    assertThat(image.filesystem().readString("/etc/os-release")).isEqualTo("ID=auth\n");
    assertThat(registry.tokensIssued()).isEqualTo(1);
    List<String> log = registry.requests().stream().map(r -> r.method + " " + r.uri + " "
        + r.header("Authorization")).collect(Collectors.toList());
    assertThat(log).containsExactly(
        "GET /v2/" + REPO + "/manifests/1 null",
        "GET /token?service=fake-registry&scope=repository%3A" + REPO.replace("/", "%2F") + "%3Apull null",
        "GET /v2/" + REPO + "/manifests/1 Bearer token-1",
        "GET /v2/" + REPO + "/blobs/" + TestImage.sha256(manifestConfig()) + " Bearer token-1",
        "GET /v2/" + REPO + "/blobs/" + manifest.layerDigests().get(0) + " Bearer token-1");
  }

  private byte[] manifestConfig() {
    return manifest.blobs().values().iterator().next();
  }

  @Test
  void bearerTokenWithBasicCredentialsFromAuthsInConfigJson() throws IOException {
    registry.requireBearer("alice", "s3cret");
    config("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + base64("alice:s3cret") + "\"}}}");

    assertThat(client().manifest(ImageReference.parse(ref)).digest()).isEqualTo(manifest.digest());
    assertThat(registry.requests().get(1).uri).startsWith("/token?");
    assertThat(registry.requests().get(1).header("Authorization")).isEqualTo("Basic " + base64("alice:s3cret"));
  }

  @Test
  void authsKeysMatchWithSchemeAndPathAndUsernamePasswordFields() throws IOException {
    registry.requireBearer("alice", "s3cret");
    config("{\"auths\":{\"http://" + registry.host() + "/v2/\":{\"username\":\"alice\",\"password\":\"s3cret\"}}}");

    assertThat(client().manifest(ImageReference.parse(ref)).digest()).isEqualTo(manifest.digest());
  }

  @Test
  void rejectedCredentialsNameTheUserAndWhereTheyCameFrom() throws IOException {
    registry.requireBearer("alice", "s3cret");
    Path file = config("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + base64("alice:wrong") + "\"}}}");

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Unauthorized: the token service " + registry.host() + " of registry " + registry.host()
            + " refused user 'alice' from auths in " + file + " access to " + ref
            + " (401 Unauthorized: UNAUTHORIZED: incorrect username or password)");
  }

  @Test
  void noCredentialsWhereTheTokenServiceWantsSomeSaysHowToLogIn() {
    registry.requireBearer("alice", "s3cret");

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Unauthorized: the token service " + registry.host() + " of registry " + registry.host()
            + " refused anonymous access to " + ref + " (401 Unauthorized: UNAUTHORIZED: incorrect username or"
            + " password); no credentials for " + registry.host() + " in " + configDir.resolve("config.json")
            + " (docker login " + registry.host() + ")");
  }

  @Test
  void basicAuthWithCredentialsFromAPerRegistryHelper() throws IOException {
    registry.requireBasic("bob", "hunter2");
    helper("podarmortest", registry.host(), "bob", "hunter2");
    config("{\"auths\":{\"" + registry.host() + "\":{}},\"credHelpers\":{\"" + registry.host()
        + "\":\"podarmortest\"}}");
    RegistryClient client = client();

    ContainerImage image = ImageSources.fromRegistry(ref, client);

    assertThat(image.filesystem().readString("/etc/os-release")).isEqualTo("ID=auth\n");
    assertThat(Files.readAllLines(tmp.resolve("podarmortest.log"))).containsExactly(registry.host());
    assertThat(registry.requests().get(0).header("Authorization")).isNull();
    assertThat(registry.requests().subList(1, registry.requests().size()))
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Basic " + base64("bob:hunter2")));
  }

  @Test
  void theCredsStoreHelperServesEveryRegistry() throws IOException {
    registry.requireBearer("carol", "pw");
    helper("podarmorstore", registry.host(), "carol", "pw");
    config("{\"credsStore\":\"podarmorstore\"}");

    assertThat(client().manifest(ImageReference.parse(ref)).digest()).isEqualTo(manifest.digest());
  }

  @Test
  void aHelperWithoutCredentialsMeansAnonymous() throws IOException {
    registry.requireBasic("bob", "hunter2");
    helper("podarmortest", "elsewhere:1", "bob", "hunter2");
    Path file = config("{\"credsStore\":\"podarmortest\"}");

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Unauthorized: registry " + registry.host() + " refused anonymous access to " + ref
            + " (401 Unauthorized: UNAUTHORIZED: authentication required); no credentials for " + registry.host()
            + " in " + file + " (docker login " + registry.host() + ")");
  }

  @Test
  void aMissingHelperFailsClosed() throws IOException {
    registry.requireBasic("bob", "hunter2");
    Path file = config("{\"credsStore\":\"podarmor-missing\"}");

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Credential helper docker-credential-podarmor-missing (configured in " + file + " (credsStore))"
            + " is not an executable on the PATH (1 directories searched); install it or remove it from the docker"
            + " config");
  }

  @Test
  void basicCredentialsTheRegistryRejects() throws IOException {
    registry.requireBasic("bob", "hunter2");
    Path file = config("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + base64("bob:nope") + "\"}}}");

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Unauthorized: registry " + registry.host() + " refused user 'bob' from auths in " + file
            + " access to " + ref + " (401 Unauthorized: UNAUTHORIZED: authentication required)");
  }

  @Test
  void anIdentityTokenIsExchangedByPostingItAsARefreshToken() throws IOException {
    registry.requireBearerWithRefreshToken("refresh-me");
    config("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + base64("dave:") + "\","
        + "\"identitytoken\":\"refresh-me\"}}}");

    assertThat(client().manifest(ImageReference.parse(ref)).digest()).isEqualTo(manifest.digest());
    assertThat(registry.requests().get(1).method).isEqualTo("POST");
    assertThat(registry.requests().get(2).header("Authorization")).isEqualTo("Bearer token-1");
  }

  @Test
  void accessDeniedNamesTheReference() {
    registry.deny(REPO);

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Access denied: registry " + registry.host() + " does not let anonymous pull " + ref
            + " (403 Forbidden: DENIED: requested access to the resource is denied); no credentials for "
            + registry.host() + " in " + configDir.resolve("config.json") + " (docker login " + registry.host()
            + ")");
  }

  @Test
  void anUnreadableConfigFails() throws IOException {
    registry.requireBasic("bob", "hunter2");
    Path file = config("{not json");

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith("Cannot read docker config " + file + ": ");
  }
}
