package io.podarmor.internal.artifacts;

import io.podarmor.internal.oci.Descriptor;
import io.podarmor.internal.oci.Manifest;
import io.podarmor.internal.registry.Referrers;
import java.util.Optional;

/**
 * Where the artifacts attached to an image are stored, read the same way for signatures and SBOMs: the image's
 * registry repository ({@link RegistryStore}) or its OCI layout ({@link LayoutStore}).
 */
public sealed interface ArtifactStore permits RegistryStore, LayoutStore {
  /** The manifests PodArmor reads beside an image, at most this many bytes each. */
  long MAX_MANIFEST = 4L * 1024 * 1024;

  /** Names the store in messages: {@code 127.0.0.1:5000/acme/api}, {@code oci:/tmp/layout}. */
  String name();

  /** The manifest under this tag ({@code sha256-<hex>.sig}), or empty when there is no such tag. */
  Optional<Manifest> tagged(String tag);

  /**
   * The referrers of {@code digest}, of this artifact type (or all, for {@code null}), as the store lists them: the
   * registry's referrers API or its tag fallback, the layout's {@code index.json}.
   */
  Referrers referrers(String digest, String artifactType);

  /** The manifest a descriptor names, digest-checked. */
  Manifest manifest(Descriptor descriptor, String what);

  /** A blob a descriptor names, digest-checked, at most {@code max} bytes. */
  byte[] blob(Descriptor descriptor, long max, String what);
}
