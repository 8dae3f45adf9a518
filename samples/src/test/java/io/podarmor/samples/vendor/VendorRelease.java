package io.podarmor.samples.vendor;

import static io.podarmor.samples.VendorImageAcceptanceTest.PINNED;

import io.podarmor.testing.CosignSigner;
import io.podarmor.testing.TestImage;
import io.podarmor.testing.TestSigstore;
import io.podarmor.testing.TestManifest;
import io.podarmor.testing.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Stands in for a vendor's release pipeline, so the consumer sample has a real third-party release to accept: it
 * pushes {@link VendorImage} to the local registry (127.0.0.1:5000), signs it keyless as {@code cosign sign} does in
 * CI (a Fulcio certificate for the vendor's release identity, logged in Rekor — here a Sigstore minted for the run,
 * whose {@code trusted_root.json} is published in the directory given as the argument, as the public-good one is by
 * TUF) and attaches an SPDX 2.3 SBOM as {@code cosign attach sbom} does. Run by the samples build before the
 * tests ({@code exec:java}); a user's own consumer test needs nothing like it, the vendor has published already.
 */
public final class VendorRelease {
  /** The Sigstore trusted root the release is verified against, under the release directory. */
  public static final String TRUSTED_ROOT = "trusted_root.json";
  /** The identity the vendor's release pipeline signs as (the certificate's SAN) and its OIDC issuer. */
  public static final String IDENTITY = "https://ci.vendor.example/app/release.yml@refs/tags/v1.0";
  public static final String ISSUER = "https://token.ci.vendor.example";

  private VendorRelease() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: VendorRelease <release directory for cosign.pub>");
    }
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
    String repository = registry.host() + "/" + VendorImage.REPOSITORY;

    TestSigstore sigstore = TestSigstore.create("vendor");
    Path trustedRoot = sigstore.writeTrustedRoot(releaseDirectory(args[0]).resolve(TRUSTED_ROOT));
    TestSigstore.Signer signer = sigstore.leaf(IDENTITY, ISSUER).issue();
    registry.push(VendorImage.REPOSITORY, CosignSigner.legacyTag(digest), signer.legacySignature(repository, digest));

    byte[] sbom = spdx(digest).getBytes(StandardCharsets.UTF_8);
    registry.push(VendorImage.REPOSITORY, digest.replace(':', '-') + ".sbom", TestManifest.artifact(
        "application/spdx+json", "application/spdx+json", sbom, TestManifest.OCI_MANIFEST, digest, 1, Map.of()));

    System.out.println("[vendor release] pushed " + repository + ":" + VendorImage.TAG + "@" + digest
        + ", signed keyless by " + IDENTITY + " (trusted root " + trustedRoot + "), SPDX 2.3 SBOM attached");
  }

  private static Path releaseDirectory(String dir) {
    try {
      return Files.createDirectories(Path.of(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the release directory " + dir, e);
    }
  }

  /** The vendor's SPDX 2.3 SBOM: the image (by digest) and the packages its dpkg status.d lists. */
  private static String spdx(String digest) {
    return """
        {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","dataLicense":"CC0-1.0","name":"podarmor-vendor/app",
         "documentNamespace":"https://vendor.example/spdx/podarmor-vendor/app-%1$s",
         "creationInfo":{"created":"2026-11-01T00:00:00Z","creators":["Organization: Vendor","Tool: vendor-release"]},
         "packages":[
          {"SPDXID":"SPDXRef-image","name":"podarmor-vendor/app","downloadLocation":"NOASSERTION",
           "checksums":[{"algorithm":"SHA256","checksumValue":"%1$s"}]},
          {"SPDXID":"SPDXRef-base-files","name":"base-files","versionInfo":"12.4+deb12u8","downloadLocation":"NOASSERTION",
           "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
            "referenceLocator":"pkg:deb/debian/base-files@12.4%%2Bdeb12u8?arch=amd64&distro=debian-12"}]},
          {"SPDXID":"SPDXRef-tzdata","name":"tzdata","versionInfo":"2024b-0+deb12u1","downloadLocation":"NOASSERTION",
           "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
            "referenceLocator":"pkg:deb/debian/tzdata@2024b-0%%2Bdeb12u1?arch=all&distro=debian-12"}]}],
         "relationships":[
          {"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-image"},
          {"spdxElementId":"SPDXRef-image","relationshipType":"CONTAINS","relatedSpdxElement":"SPDXRef-base-files"},
          {"spdxElementId":"SPDXRef-image","relationshipType":"CONTAINS","relatedSpdxElement":"SPDXRef-tzdata"}]}
        """.formatted(digest.substring("sha256:".length()));
  }
}
