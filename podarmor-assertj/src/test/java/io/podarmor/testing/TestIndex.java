package io.podarmor.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-platform image: an OCI index (or Docker manifest list) over per-platform manifests built from
 * {@link TestImage}s, optionally with BuildKit attestation manifests ({@code unknown/unknown}), pushed to a
 * registry. Nothing is emulated: each platform's image is just layers and a config naming the platform.
 *
 * <pre>{@code
 * TestIndex.Pushed p = TestIndex.create()
 *     .image(amd64, TestImage.Compression.GZIP)
 *     .image(arm64, TestImage.Compression.ZSTD)
 *     .attestations()
 *     .pushTo(TestRegistry.local(), "podarmor-test-reg/multi", "1");
 * }</pre>
 */
public final class TestIndex {
  /** Where manifests are pushed: {@link TestRegistry} or {@link FakeRegistry}. */
  public interface Target {
    /** Pushes the manifest's blobs and the manifest under a tag or its digest; returns its digest. */
    String push(String repository, String tagOrDigest, TestManifest manifest);
  }

  /** What {@link #pushTo} pushed: the index and each manifest's digest. */
  public static final class Pushed {
    public final String indexDigest;
    public final long indexSize;
    public final String indexMediaType;
    /** Image manifest digests, in the order the images were added. */
    public final List<String> manifestDigests;
    public final List<String> attestationDigests;
    public final TestManifest index;

    Pushed(TestManifest index, List<String> manifestDigests, List<String> attestationDigests) {
      this.index = index;
      this.indexDigest = index.digest();
      this.indexSize = index.size();
      this.indexMediaType = index.mediaType();
      this.manifestDigests = List.copyOf(manifestDigests);
      this.attestationDigests = List.copyOf(attestationDigests);
    }
  }

  private final List<TestManifest> images = new ArrayList<>();
  private TestManifest.Format format = TestManifest.Format.OCI;
  private boolean attestations;

  private TestIndex() {}

  public static TestIndex create() {
    return new TestIndex();
  }

  /** OCI index and manifests (default), or a Docker manifest list and Docker v2 manifests. */
  public TestIndex format(TestManifest.Format format) {
    this.format = format;
    return this;
  }

  /** Adds a platform image; its platform is what its config says ({@link TestImage#platform}). */
  public TestIndex image(TestImage image, TestImage.Compression compression) {
    images.add(TestManifest.of(image, compression, format));
    return this;
  }

  /** Adds a manifest as built. */
  public TestIndex manifest(TestManifest manifest) {
    images.add(manifest);
    return this;
  }

  /** Adds a BuildKit attestation manifest (unknown/unknown) for every image, after the images, as buildx does. */
  public TestIndex attestations() {
    this.attestations = true;
    return this;
  }

  /** The index (and what it names), not pushed. */
  public TestManifest build() {
    return assemble().index;
  }

  /** Pushes every blob, every manifest by digest, and the index under {@code tag}. */
  public Pushed pushTo(Target registry, String repository, String tag) {
    Assembled a = assemble();
    for (TestManifest m : a.all) {
      registry.push(repository, m.digest(), m);
    }
    registry.push(repository, tag, a.index);
    return new Pushed(a.index, a.manifestDigests, a.attestationDigests);
  }

  private static final class Assembled {
    final List<TestManifest> all = new ArrayList<>();
    final List<String> manifestDigests = new ArrayList<>();
    final List<String> attestationDigests = new ArrayList<>();
    TestManifest index;
  }

  private Assembled assemble() {
    Assembled a = new Assembled();
    List<Map<String, String>> annotations = new ArrayList<>();
    for (TestManifest m : images) {
      a.all.add(m);
      a.manifestDigests.add(m.digest());
      annotations.add(Map.of());
    }
    if (attestations) {
      for (TestManifest m : images) {
        TestManifest att = TestManifest.attestation(m.digest());
        a.all.add(att);
        a.attestationDigests.add(att.digest());
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("vnd.docker.reference.digest", m.digest());
        refs.put("vnd.docker.reference.type", "attestation-manifest");
        annotations.add(refs);
      }
    }
    a.index = TestManifest.index(a.all, format, annotations);
    return a;
  }
}
