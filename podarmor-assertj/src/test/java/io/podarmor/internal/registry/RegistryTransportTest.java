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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, redirects, timeouts, digest verification and media types, against a registry in the test. */
class RegistryTransportTest {
  private static final String REPO = "podarmor-test-reg/transport";

  @TempDir Path tmp;
  private FakeRegistry registry;
  private TestImage image;
  private TestManifest manifest;
  private String ref;

  @BeforeEach
  void start() {
    ImageSources.clearCache(); // layers this run indexed before are not fetched again: these tests count fetches
    registry = FakeRegistry.start();
    image = TestImage.named("podarmor-test-reg/transport:1").label("test", "transport-" + System.nanoTime())
        .layer(Layer.create().file("/etc/os-release", "ID=transport\n", 0644))
        .layer(Layer.create().file("/etc/passwd", "root:x:0:0::/:/sbin/nologin\n", 0644));
    manifest = TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI);
    registry.put(REPO, "1", manifest);
    ref = registry.reference(REPO + ":1");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryClient client() {
    return client(RegistryOptions.builder());
  }

  private RegistryClient client(RegistryOptions.Builder options) {
    return new RegistryClient(options.dockerConfigDir(tmp).helperPath(List.of())
        .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).build());
  }

  private List<String> requested(String pathContains) {
    return registry.requests().stream().map(r -> r.uri).filter(u -> u.contains(pathContains))
        .collect(Collectors.toList());
  }

  @Test
  void a429ThenSuccessIsRetriedHonouringRetryAfter() {
    registry.failNext("/manifests/1", 429, 1, "0");

    assertThat(client().manifest(ImageReference.parse(ref)).digest()).isEqualTo(manifest.digest());
    assertThat(requested("/manifests/1")).hasSize(2);
  }

  @Test
  void a503ThenSuccessIsRetriedForBlobsToo() {
    registry.failNext("/blobs/", 503, 2, null);

    ContainerImage loaded = ImageSources.fromRegistry(ref, client());

    assertThat(loaded.config().labels()).containsKey("test");
    assertThat(requested("/blobs/")).hasSize(3);
  }

  @Test
  void retriesAreBounded() {
    registry.failNext("/manifests/1", 503, 100, "0");

    assertThatThrownBy(() -> client(RegistryOptions.builder().maxAttempts(3)).manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Registry " + registry.host() + " answered 503 Service Unavailable for manifest '1' of " + ref
            + " 3 times (503 Service Unavailable: UNAVAILABLE: scripted failure)");
    assertThat(requested("/manifests/1")).hasSize(3);
  }

  @Test
  void aLongRetryAfterIsCappedByTheMaximumBackoff() {
    registry.failNext("/manifests/1", 429, 1, "3600");
    long start = System.nanoTime();

    assertThat(client().manifest(ImageReference.parse(ref)).digest()).isEqualTo(manifest.digest());
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
  }

  @Test
  void a501IsNotRetried() {
    registry.failNext("/manifests/1", 501, 5, null);

    assertThatThrownBy(() -> client().manifest(ImageReference.parse(ref)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Registry " + registry.host() + " answered 501 Not Implemented for manifest '1' of " + ref
            + " (501 Not Implemented: UNAVAILABLE: scripted failure)");
    assertThat(requested("/manifests/1")).hasSize(1);
  }

  @Test
  void blobRedirectsAreFollowedWithoutTheRegistrysAuthorization() {
    registry.requireBearer(null, null).redirectBlobs();

    ContainerImage loaded = ImageSources.fromRegistry(ref, client());

    assertThat(loaded.filesystem().readString("/etc/os-release")).isEqualTo("ID=transport\n");
    assertThat(registry.requests().stream().filter(r -> r.uri.contains("/blobs/")))
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer token-1"));
    assertThat(registry.storageRequests()).hasSize(3)
        .allSatisfy(r -> assertThat(r.header("Authorization")).isNull())
        .allSatisfy(r -> assertThat(r.uri).startsWith("/storage/sha256:").endsWith("?signature=x"));
  }

  @Test
  void blobStorageErrorsSayTheyCameFromTheStorage() {
    try (FakeRegistry storage = FakeRegistry.start()) {
      registry.redirectBlobsTo("http://" + storage.host() + "/expired/");
      String config = TestImage.sha256(image.configJson());

      assertThatThrownBy(() -> ImageSources.fromRegistry(ref, client()))
          .isInstanceOf(ImageException.class)
          .hasMessage("Not found: " + ref + ": blob storage " + storage.host() + " (redirected from registry "
              + registry.host() + ") has no blob " + config + " in repository " + REPO
              + " (404 Not Found: 404 page not found)");
    }
  }

  @Test
  void aRedirectToPlainHttpOffLoopbackIsRefused() {
    registry.redirectBlobsTo("http://storage.example/blobs/");
    String config = TestImage.sha256(image.configJson());

    assertThatThrownBy(() -> ImageSources.fromRegistry(ref, client()))
        .isInstanceOf(ImageException.class)
        .hasMessage("Registry " + registry.host() + " sent PodArmor to http://storage.example/blobs/" + config
            + " for blob " + config + " of " + ref + ": only https is allowed there (plain http only for localhost,"
            + " 127.0.0.1 and ::1)");
  }

  @Test
  void aLayerWhoseBytesDoNotMatchItsDigestFails() {
    String layer = manifest.layerDigests().get(1);
    byte[] other = TestImage.compress(Layer.create().file("/x", "y", 0644).toTar(), TestImage.Compression.GZIP);
    registry.putBlob(layer, other);
    ContainerImage loaded = ImageSources.fromRegistry(ref, client());

    assertThatThrownBy(loaded::filesystem)
        .isInstanceOf(ImageException.class)
        .hasMessage("Digest mismatch for layer 2 (" + layer + ") of " + ref + ": expected " + layer
            + " but the content (" + other.length + " bytes) has digest " + TestImage.sha256(other));
  }

  @Test
  void aBlobLongerThanItsDescriptorStopsWhereTheDescriptorEnds() throws IOException {
    String layer = manifest.layerDigests().get(0);
    long size = manifest.blobs().get(layer).length;
    registry.putBlob(layer, new byte[(int) size + 100_000]);

    try (InputStream in = client().blob(ImageReference.parse(ref), layer, size, "layer 1 of " + ref)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(ImageException.class)
          .hasMessage("Size mismatch for layer 1 of " + ref + ": the registry sent more than the " + size
              + " bytes its descriptor gives");
    }
  }

  @Test
  void aConfigWhoseBytesDoNotMatchItsDigestFails() {
    String config = TestImage.sha256(image.configJson());
    byte[] other = "{\"rootfs\":{\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
    registry.putBlob(config, other);

    assertThatThrownBy(() -> ImageSources.fromRegistry(ref, client()))
        .isInstanceOf(ImageException.class)
        .hasMessage("Digest mismatch for config " + config + " of " + ref + ": expected " + config
            + " but the content (" + other.length + " bytes) has digest " + TestImage.sha256(other));
  }

  @Test
  void aManifestByDigestWhoseBytesDoNotMatchFails() {
    byte[] other = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
        .getBytes(StandardCharsets.UTF_8);
    registry.putManifest(REPO, manifest.digest(), TestManifest.OCI_MANIFEST, other);
    String pinned = registry.reference(REPO + "@" + manifest.digest());

    assertThatThrownBy(() -> ImageSources.fromRegistry(pinned, client()))
        .isInstanceOf(ImageException.class)
        .hasMessage("Digest mismatch for manifest " + manifest.digest() + " of " + pinned
            + ": the registry sent content with digest " + TestImage.sha256(other));
  }

  @Test
  void anUnknownManifestMediaTypeIsNamed() {
    registry.putManifest(REPO, "odd", "application/vnd.example.thing+json",
        "{\"schemaVersion\":2,\"config\":{}}".getBytes(StandardCharsets.UTF_8));
    String odd = registry.reference(REPO + ":odd");

    assertThatThrownBy(() -> ImageSources.fromRegistry(odd, client()))
        .isInstanceOf(ImageException.class)
        .hasMessage(odd + " has media type 'application/vnd.example.thing+json', expected an image index"
            + " (application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json)"
            + " or an image manifest (application/vnd.oci.image.manifest.v1+json,"
            + " application/vnd.docker.distribution.manifest.v2+json)");
  }

  @Test
  void theDocumentsOwnMediaTypeWinsOverAGenericContentType() {
    registry.putManifest(REPO, "json", "application/json", manifest.bytes());

    RegistryManifest m = client().manifest(ImageReference.parse(registry.reference(REPO + ":json")));

    assertThat(m.mediaType()).isEqualTo(TestManifest.OCI_MANIFEST);
    assertThat(m.isManifest()).isTrue();
  }

  @Test
  void schema1ManifestsAreRefused() {
    registry.putManifest(REPO, "old", "application/vnd.docker.distribution.manifest.v1+prettyjws",
        "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8));
    String old = registry.reference(REPO + ":old");

    assertThatThrownBy(() -> ImageSources.fromRegistry(old, client()))
        .isInstanceOf(ImageException.class)
        .hasMessage("manifest 'old' of " + old + " is a Docker schema 1 manifest, which PodArmor does not read"
            + " (deprecated since 2017); push the image again with a current client");
  }

  @Test
  void aRegistryThatDoesNotAnswerTimesOut() {
    registry.hang("/manifests/slow");
    String slow = registry.reference(REPO + ":slow");
    long start = System.nanoTime();

    assertThatThrownBy(() -> client(RegistryOptions.builder().requestTimeout(Duration.ofMillis(300)))
        .manifest(ImageReference.parse(slow)))
        .isInstanceOf(ImageException.class)
        .hasMessage("Registry " + registry.host() + " did not answer within 300 ms for manifest 'slow' of " + slow
            + " (http://" + registry.host() + "/v2/" + REPO + "/manifests/slow)");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
  }

  @Test
  void aMissingBlobIsNotFound() {
    assertThatThrownBy(() -> client().blob(ImageReference.parse(registry.reference(REPO + ":1")),
        "sha256:" + "0".repeat(64), 1, "blob"))
        .isInstanceOf(ImageException.class)
        .hasMessage("Not found: " + ref + ": registry " + registry.host() + " has no blob sha256:" + "0".repeat(64)
            + " in repository " + REPO + " (404 Not Found: BLOB_UNKNOWN: blob unknown to registry)");
  }
}
