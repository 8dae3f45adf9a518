package io.podarmor.internal.sbom;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.signature.SignatureCheck;
import io.podarmor.internal.signature.SignatureVerifier;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.Signature;
import io.podarmor.supplychain.SupplyChainProvider;
import io.podarmor.supplychain.TrustPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** SBOM parsing and writing and signature verification: the {@link SupplyChainProvider} PodArmor declares. */
public final class SupplyChainServices implements SupplyChainProvider {
  /** Called by the service loader. */
  public SupplyChainServices() {}

  @Override
  public Sbom sbomFromFile(Path file) {
    return SbomParser.parseFile(file);
  }

  @Override
  public Sbom sbomOf(ContainerImage image) {
    return SbomWriter.of(image);
  }

  @Override
  public List<Signature> verifiedSignatures(ContainerImage image, TrustPolicy policy) {
    SignatureCheck check = SignatureVerifier.check(Objects.requireNonNull(image, "image"), policy);
    check.throwIfUndecidable();
    return check.verified();
  }
}
