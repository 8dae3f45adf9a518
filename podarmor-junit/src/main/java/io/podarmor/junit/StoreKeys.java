package io.podarmor.junit;

import io.podarmor.image.Platform;
import io.podarmor.runtime.RuntimeProfile;
import java.util.Objects;

/** The value objects PodArmor's extension keys its store entries with. */
final class StoreKeys {
  private StoreKeys() {}

  /** An image as configured: reference and wanted platform (null for the default). */
  public static final class ImageReference {
    private final String reference;
    private final Platform platform;

    public ImageReference(String reference, Platform platform) {
      this.reference = reference;
      this.platform = platform;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ImageReference && ((ImageReference) o).reference.equals(reference)
          && Objects.equals(((ImageReference) o).platform, platform);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reference, platform);
    }

    @Override
    public String toString() {
      return reference + (platform == null ? "" : " for " + platform);
    }
  }

  /** An image by digest and platform: one {@code ContainerImage} per digest for the run. */
  public static final class ImageDigest {
    private final String digest;
    private final Platform platform;

    public ImageDigest(String digest, Platform platform) {
      this.digest = digest;
      this.platform = platform;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ImageDigest && ((ImageDigest) o).digest.equals(digest)
          && ((ImageDigest) o).platform.equals(platform);
    }

    @Override
    public int hashCode() {
      return Objects.hash(digest, platform);
    }

    @Override
    public String toString() {
      return digest + " (" + platform + ")";
    }
  }

  /** A container: the image's digest and ID, and the runtime profile. */
  public static final class Container {
    private final String digest;
    private final String imageId;
    private final RuntimeProfile profile;

    public Container(String digest, String imageId, RuntimeProfile profile) {
      this.digest = digest;
      this.imageId = imageId;
      this.profile = profile;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Container)) {
        return false;
      }
      Container c = (Container) o;
      return c.digest.equals(digest) && c.imageId.equals(imageId) && c.profile.equals(profile);
    }

    @Override
    public int hashCode() {
      return Objects.hash(digest, imageId, profile);
    }

    @Override
    public String toString() {
      return digest + " under " + profile;
    }
  }
}
