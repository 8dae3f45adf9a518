package io.podarmor.samples;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.supplychain.TrustPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A consumer's acceptance test for a third-party image, pinned by digest: whatever the tag points at later, this
 * suite judges exactly the bytes it names. (Here the "vendor" publishes to the local registry before the tests;
 * see {@code vendor/VendorRelease}.)
 */
@DisplayName("Vendor image acceptance (pinned by digest)")
public class VendorImageAcceptanceTest {
  /** The release we accept: repository and digest, as {@code crane digest} or {@code docker buildx imagetools} print it. */
  public static final String PINNED = "127.0.0.1:5000/podarmor-vendor/app"
      + "@sha256:63cbadf9a862faae67a3c0b03fa225a346e89176fbd5bfbbfae1e34a19843020";

  /**
   * Who must have signed it: the vendor's release workflow, by its OIDC issuer, verified against a Sigstore trusted
   * root (offline; a real suite keeps Sigstore's public-good {@code trusted_root.json} in its repository, here the
   * stand-in vendor's own Sigstore publishes one).
   */
  static final TrustPolicy VENDOR_RELEASE = TrustPolicy.keylessMatching(
          "https://ci\\.vendor\\.example/app/release\\.yml@refs/tags/v.*", "https://token\\.ci\\.vendor\\.example")
      .withTrustedRoot(Path.of("target", "vendor-release", "trusted_root.json"));

  private final ContainerImage image = ContainerImage.fromRegistry(PINNED);

  @Test
  @DisplayName("is signed by the vendor's release workflow")
  void isSignedByTheVendor() {
    assertThat(image).isSignedBy(VENDOR_RELEASE);
  }

  @Test
  @DisplayName("ships an SPDX 2.3 SBOM of this digest that lists every installed package")
  void hasACompleteSbom() {
    assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid().describesImage().coversInstalledPackages()
        .doesNotContainPackage("openssl");
  }

  @Test
  @DisplayName("runs as a non-root user")
  void runsAsNonRoot() {
    assertThat(image).runsAsNonRoot().runsAsUid(65532);
  }

  @Test
  @DisplayName("has no shell, no package manager and no SUID/SGID files")
  void isDistroless() {
    assertThat(image).hasNoShell().hasNoPackageManager().hasNoSuidFiles();
  }
}
