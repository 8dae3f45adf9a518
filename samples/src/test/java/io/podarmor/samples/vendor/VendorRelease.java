package io.podarmor.samples.vendor;

import static io.podarmor.samples.VendorImageAcceptanceTest.PINNED;

import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;

/**
 * Stands in for a vendor's release pipeline, so the consumer sample has a real third-party release to accept: it
 * pushes {@link VendorImage} to the local registry (127.0.0.1:5000). Run by the samples build before the tests
 * ({@code exec:java}); a user's own consumer test needs nothing like it, the vendor has published already.
 */
public final class VendorRelease {
  private VendorRelease() {}

  public static void main(String[] args) {
    TestRegistry registry = TestRegistry.local();
    TestManifest manifest = TestManifest.of(VendorImage.build(), TestImage.Compression.NONE,
        TestManifest.Format.OCI);
    String digest = registry.push(VendorImage.REPOSITORY, VendorImage.TAG, manifest);
    String pinned = PINNED.substring(PINNED.indexOf('@') + 1);
    if (!digest.equals(pinned)) {
      throw new IllegalStateException("The vendor image was published as " + digest + " but the consumer sample"
          + " pins " + pinned + ": VendorImage must build the same bytes everywhere (or update"
          + " VendorImageAcceptanceTest.PINNED after an intended change).");
    }
    System.out.println("[vendor release] pushed " + registry.host() + "/" + VendorImage.REPOSITORY + ":"
        + VendorImage.TAG + "@" + digest);
  }
}
