package io.podarmor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Pushes test content to a registry without auth over the distribution API (monolithic blob uploads, manifests by
 * tag or digest): by default Debian's {@code docker-registry} on {@code 127.0.0.1:5000}, which {@code .ci/run}
 * starts. Use repositories under your helper's prefix.
 *
 * <pre>{@code
 * TestRegistry registry = TestRegistry.local();
 * String digest = registry.push("podarmor-test-reg/app", "1",
 *     TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI));
 * ContainerImage.fromRegistry(registry.host() + "/podarmor-test-reg/app:1");
 * }</pre>
 */
public final class TestRegistry implements TestIndex.Target {
  /** Where {@code .ci/run} starts the registry. */
  public static final String LOCAL = "127.0.0.1:5000";

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String host;

  private TestRegistry(String host) {
    this.host = host;
  }

  /** The registry on 127.0.0.1:5000; fails with a hint when none answers. */
  public static TestRegistry local() {
    TestRegistry registry = new TestRegistry(LOCAL);
    if (!registry.answers()) {
      throw new IllegalStateException("No registry answers at http://" + LOCAL + "/v2/: start one with"
          + " .ci/run, or `docker-registry serve <config>` (Debian's docker-registry, http addr " + LOCAL + ")");
    }
    return registry;
  }

  /** A registry at {@code host:port}, reached over plain http. */
  public static TestRegistry at(String hostPort) {
    return new TestRegistry(hostPort);
  }

  /** {@code host:port}, the prefix of references to this registry. */
  public String host() {
    return host;
  }

  public boolean answers() {
    try {
      return send(HttpRequest.newBuilder(uri("/v2/")).GET().build()).statusCode() == 200;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** Pushes the manifest's blobs, then the manifest under {@code tagOrDigest}; returns its digest. */
  @Override
  public String push(String repository, String tagOrDigest, TestManifest manifest) {
    for (Map.Entry<String, byte[]> blob : manifest.blobs().entrySet()) {
      pushBlob(repository, blob.getKey(), blob.getValue());
    }
    return pushManifest(repository, tagOrDigest, manifest.mediaType(), manifest.bytes());
  }

  /** Uploads a blob unless the repository has it; returns its digest. */
  public String pushBlob(String repository, byte[] content) {
    String digest = TestImage.sha256(content);
    pushBlob(repository, digest, content);
    return digest;
  }

  /** Uploads bytes under a digest, even one they do not have (registries verify; this tests that they do). */
  public void pushBlob(String repository, String digest, byte[] content) {
    HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    if (head.statusCode() == 200) {
      return;
    }
    HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    expect(start, 202, "starting an upload to " + repository);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI put = uri("/").resolve(location);
    put = URI.create(put + (put.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
    HttpResponse<String> done = send(HttpRequest.newBuilder(put)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    expect(done, 201, "uploading blob " + digest + " to " + repository);
  }

  /** Puts a manifest; returns the digest the registry reports. */
  public String pushManifest(String repository, String tagOrDigest, String mediaType, byte[] bytes) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tagOrDigest))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    expect(r, 201, "pushing manifest " + tagOrDigest + " to " + repository);
    return r.headers().firstValue("Docker-Content-Digest").orElse(TestImage.sha256(bytes));
  }

  private URI uri(String path) {
    return URI.create("http://" + host + path);
  }

  private static void expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(what + ": the registry answered " + r.statusCode() + " " + r.body());
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
