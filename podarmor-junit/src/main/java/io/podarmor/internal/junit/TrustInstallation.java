package io.podarmor.internal.junit;

import io.podarmor.internal.signature.TrustSettings;
import io.podarmor.junit.PodArmorConfiguration;

/**
 * Makes {@code isSigned()} read {@code podarmor.trust.*} through the run's {@link PodArmorConfiguration}
 * (configuration parameters, {@code junit-platform.properties}, then {@code PODARMOR_TRUST_*}) for as long as the
 * run lasts; kept in the root store, closed at its end.
 */
public final class TrustInstallation implements AutoCloseable {
  private final AutoCloseable installed;

  public TrustInstallation(PodArmorConfiguration configuration) {
    this.installed = TrustSettings.install(configuration::get);
  }

  @Override
  public void close() throws Exception {
    installed.close();
  }
}
