package io.podarmor.supplychain;

import io.podarmor.image.ContainerImage;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The service behind {@link Sbom#fromFile}, {@link Sbom#of} and {@link TrustPolicy#verifiedSignatures}: SBOM parsing
 * and writing, signature discovery and verification. PodArmor provides the one implementation, found with
 * {@link ServiceLoader} on the class path and the module path alike; this interface keeps the API free of it. Not
 * meant to be implemented by users.
 */
public interface SupplyChainProvider {
  /** See {@link Sbom#fromFile(Path)}. */
  Sbom sbomFromFile(Path file);

  /** See {@link Sbom#of(ContainerImage)}. */
  Sbom sbomOf(ContainerImage image);

  /** See {@link TrustPolicy#verifiedSignatures(ContainerImage)}. */
  List<Signature> verifiedSignatures(ContainerImage image, TrustPolicy policy);

  /** The provider PodArmor's jar declares. */
  static SupplyChainProvider get() {
    return LoadedSupplyChainProvider.INSTANCE;
  }
}

/** Loads the provider once, on first use. */
final class LoadedSupplyChainProvider {
  static final SupplyChainProvider INSTANCE = ServiceLoader.load(SupplyChainProvider.class,
      SupplyChainProvider.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
      "No " + SupplyChainProvider.class.getName() + " found: PodArmor's jar declares one in"
          + " META-INF/services and module-info; is podarmor-assertj on the class or module path in one piece?"));

  private LoadedSupplyChainProvider() {}
}
