package io.podarmor.assertj;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.util.function.Function;

/** Images pushed to the local registry under {@code signing/…} for the signature tests, and their signatures. */
final class SignedImages {
  static final String PREFIX = "signing/";

  private SignedImages() {}

  /** A small image whose content (and so digest) differs by {@code name}. */
  static TestImage image(String name) {
    return TestImage.named(SourceImages.PREFIX + "signing-" + name + ":1")
        .layer(Layer.create().file("/app", "signed app " + name, 0755)).user("65532");
  }

  /** Pushes the image as {@code signing/<repo>:1} and returns its manifest. */
  static TestManifest push(TestRegistry registry, String repo, TestImage image) {
    TestManifest m = TestManifest.of(image, TestImage.Compression.GZIP, TestManifest.Format.OCI);
    registry.push(PREFIX + repo, "1", m);
    return m;
  }

  /** Pushes a legacy signature manifest for {@code subjectDigest} under its {@code sha256-<hex>.sig} tag. */
  static void pushLegacy(TestRegistry registry, String repo, String subjectDigest, TestManifest signature) {
    registry.push(PREFIX + repo, CosignSigner.legacyTag(subjectDigest), signature);
  }

  /**
   * Pushes {@link #image(String) image(repo)} as {@code signing/<repo>:1} with the legacy signature {@code signature}
   * makes for its digest; returns the image manifest.
   */
  static TestManifest pushSigned(TestRegistry registry, String repo, Function<String, TestManifest> signature) {
    TestManifest m = push(registry, repo, image(repo));
    pushLegacy(registry, repo, m.digest(), signature.apply(m.digest()));
    return m;
  }

  /** {@code signing/<repo>:1}, read from the registry. */
  static ContainerImage fromRegistry(TestRegistry registry, String repo) {
    return ContainerImage.fromRegistry(reference(registry, repo));
  }

  /** {@code 127.0.0.1:5000/signing/<repo>:1}. */
  static String reference(TestRegistry registry, String repo) {
    return registry.host() + "/" + PREFIX + repo + ":1";
  }
}
