package io.podarmor.internal.registry;

import io.podarmor.internal.oci.Descriptor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import io.podarmor.testing.FakeRegistry;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestIndex;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Referrers: the OCI 1.1 API (against a registry in the test, docker-registry 2.8 has none) and the
 * {@code sha256-<hex>} tag-schema fallback (against both); tag lists with pagination.
 */
class RegistryReferrersTest {
  private static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  private static final String SPDX = "application/spdx+json";

  @TempDir Path tmp;

  private RegistryClient client() {
    return new RegistryClient(RegistryOptions.builder().dockerConfigDir(tmp).helperPath(List.of())
        .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).build());
  }

  private static TestManifest subject() {
    return TestManifest.of(TestImage.named("podarmor-test-reg/referrers:1").label("test", "referrers")
        .layer(Layer.create().file("/etc/os-release", "ID=referrers\n", 0644)),
        TestImage.Compression.GZIP, TestManifest.Format.OCI);
  }

  private static TestManifest artifact(TestManifest subject, String type, String payload) {
    return TestManifest.artifact(type, type, payload.getBytes(StandardCharsets.UTF_8), subject.mediaType(),
        subject.digest(), subject.size(), Map.of("org.opencontainers.image.created", "2026-11-01T00:00:00Z"));
  }

  /** The index the tag-schema fallback keeps under {@code sha256-<hex>}: one descriptor per referrer. */
  private static TestManifest fallbackIndex(TestManifest... referrers) {
    TestIndex index = TestIndex.create();
    for (TestManifest r : referrers) {
      index.manifest(r);
    }
    return index.build();
  }

  @Test
  void theReferrersApiWhenTheRegistryHasIt() {
    TestManifest subject = subject();
    TestManifest bundle = artifact(subject, BUNDLE, "{\"bundle\":1}");
    TestManifest sbom = artifact(subject, SPDX, "{\"spdxVersion\":\"SPDX-2.3\"}");
    try (FakeRegistry registry = FakeRegistry.start().referrersApi()) {
      registry.put("podarmor-test-reg/referrers", "1", subject);
      registry.put("podarmor-test-reg/referrers", null, bundle);
      registry.put("podarmor-test-reg/referrers", null, sbom);
      ImageReference ref = ImageReference.parse(registry.reference("podarmor-test-reg/referrers:1"));

      Referrers all = client().referrers(ref, subject.digest(), null);
      Referrers bundles = client().referrers(ref, subject.digest(), BUNDLE);

      assertThat(all.source()).isEqualTo(Referrers.Source.REFERRERS_API);
      assertThat(all.subject()).isEqualTo(subject.digest());
      assertThat(all.descriptors()).extracting(Descriptor::digest)
          .containsExactlyInAnyOrder(bundle.digest(), sbom.digest());
      assertThat(bundles.descriptors()).singleElement().satisfies(d -> {
        assertThat(d.digest()).isEqualTo(bundle.digest());
        assertThat(d.artifactType()).isEqualTo(BUNDLE);
        assertThat(d.mediaType()).isEqualTo(TestManifest.OCI_MANIFEST);
        assertThat(d.size()).isEqualTo(bundle.size());
        assertThat(d.annotations()).containsEntry("org.opencontainers.image.created", "2026-11-01T00:00:00Z");
      });
      assertThat(registry.requests()).extracting(r -> r.uri).contains("/v2/podarmor-test-reg/referrers/referrers/"
          + subject.digest() + "?artifactType=application%2Fvnd.dev.sigstore.bundle.v0.3%2Bjson");
      assertThat(registry.requests()).extracting(r -> r.uri).noneMatch(u -> u.contains("/manifests/sha256-"));
      RegistryManifest fetched = client().manifest(ref, bundle.digest());
      assertThat(fetched.manifest().artifactType()).isEqualTo(BUNDLE);
      assertThat(fetched.manifest().subject().digest()).isEqualTo(subject.digest());
    }
  }

  @Test
  void theFallbackTagWhenTheApiAnswers404FilteredOnTheClient() {
    TestManifest subject = subject();
    TestManifest bundle = artifact(subject, BUNDLE, "{\"bundle\":2}");
    TestManifest sbom = artifact(subject, SPDX, "{\"spdxVersion\":\"SPDX-2.3\",\"n\":2}");
    try (FakeRegistry registry = FakeRegistry.start()) {
      registry.put("podarmor-test-reg/referrers", "1", subject);
      registry.put("podarmor-test-reg/referrers", null, bundle);
      registry.put("podarmor-test-reg/referrers", null, sbom);
      registry.put("podarmor-test-reg/referrers", "sha256-" + TestImage.hex(subject.digest()),
          fallbackIndex(bundle, sbom));
      ImageReference ref = ImageReference.parse(registry.reference("podarmor-test-reg/referrers:1"));

      Referrers bundles = client().referrers(ref, subject.digest(), BUNDLE);

      assertThat(bundles.source()).isEqualTo(Referrers.Source.FALLBACK_TAG);
      assertThat(bundles.descriptors()).extracting(Descriptor::digest).containsExactly(bundle.digest());
      assertThat(client().referrers(ref, subject.digest(), null).descriptors()).hasSize(2);
    }
  }

  @Test
  void noFallbackTagMeansNoReferrers() {
    TestManifest subject = subject();
    try (FakeRegistry registry = FakeRegistry.start()) {
      registry.put("podarmor-test-reg/referrers", "1", subject);
      ImageReference ref = ImageReference.parse(registry.reference("podarmor-test-reg/referrers:1"));

      Referrers none = client().referrers(ref, subject.digest(), null);

      assertThat(none.descriptors()).isEmpty();
      assertThat(none.source()).isEqualTo(Referrers.Source.FALLBACK_TAG);
    }
  }

  @Test
  void aFallbackTagThatIsNotAnIndexFails() {
    TestManifest subject = subject();
    try (FakeRegistry registry = FakeRegistry.start()) {
      registry.put("podarmor-test-reg/referrers", "1", subject);
      registry.put("podarmor-test-reg/referrers", "sha256-" + TestImage.hex(subject.digest()), subject);
      ImageReference ref = ImageReference.parse(registry.reference("podarmor-test-reg/referrers:1"));

      assertThatThrownBy(() -> client().referrers(ref, subject.digest(), null))
          .isInstanceOf(ImageException.class)
          .hasMessage("The referrers tag sha256-" + TestImage.hex(subject.digest()) + " of " + registry.host()
              + "/podarmor-test-reg/referrers holds a application/vnd.oci.image.manifest.v1+json, expected an OCI"
              + " index of referrers");
    }
  }

  @Test
  void theFallbackOnTheLocalDockerRegistryWhichHasNoReferrersApi() {
    TestRegistry local = TestRegistry.local();
    String repo = "podarmor-test-reg/referrers";
    TestManifest subject = subject();
    TestManifest bundle = artifact(subject, BUNDLE, "{\"bundle\":3}");
    local.push(repo, "1", subject);
    local.push(repo, bundle.digest(), bundle);
    ImageReference ref = ImageReference.parse(local.host() + "/" + repo + ":1");
    RegistryClient client = client();

    local.push(repo, "sha256-" + TestImage.hex(subject.digest()), fallbackIndex(bundle));
    Referrers found = client.referrers(ref, subject.digest(), BUNDLE);

    assertThat(found.source()).isEqualTo(Referrers.Source.FALLBACK_TAG);
    assertThat(found.descriptors()).singleElement().satisfies(d -> {
      assertThat(d.digest()).isEqualTo(bundle.digest());
      assertThat(d.artifactType()).isEqualTo(BUNDLE);
    });
    assertThat(client.referrers(ref, subject.digest(), SPDX).descriptors()).isEmpty();
    RegistryManifest fetched = client.manifest(ref, bundle.digest());
    assertThat(fetched.manifest().artifactType()).isEqualTo(BUNDLE);
    assertThat(fetched.manifest().subject().digest()).isEqualTo(subject.digest());
    byte[] payload = client.blobBytes(ref, bundle.layerDigests().get(0), -1, 1024, "bundle payload");
    assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"bundle\":3}");
    assertThat(client.tags(ref)).contains("1", "sha256-" + TestImage.hex(subject.digest()));
  }

  @Test
  void tagListsFollowPagination() {
    TestManifest subject = subject();
    try (FakeRegistry registry = FakeRegistry.start().tagPageSize(2)) {
      for (String tag : List.of("e", "a", "c", "b", "d")) {
        registry.put("podarmor-test-reg/tags", tag, subject);
      }
      ImageReference ref = ImageReference.parse(registry.reference("podarmor-test-reg/tags"));

      assertThat(client().tags(ref)).containsExactly("a", "b", "c", "d", "e");
      assertThat(registry.requests()).extracting(r -> r.uri).containsExactly(
          "/v2/podarmor-test-reg/tags/tags/list?n=1000",
          "/v2/podarmor-test-reg/tags/tags/list?last=b&n=2",
          "/v2/podarmor-test-reg/tags/tags/list?last=d&n=2");
    }
  }

  @Test
  void tagsOfAnUnknownRepositoryAreNotFound() {
    try (FakeRegistry registry = FakeRegistry.start()) {
      ImageReference ref = ImageReference.parse(registry.reference("podarmor-test-reg/none"));

      assertThatThrownBy(() -> client().tags(ref))
          .isInstanceOf(ImageException.class)
          .hasMessage("Not found: " + ref + ": registry " + registry.host() + " has no tag list in repository"
              + " podarmor-test-reg/none (404 Not Found: NAME_UNKNOWN: repository name not known to registry)");
    }
  }
}
