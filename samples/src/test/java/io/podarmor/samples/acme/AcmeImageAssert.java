package io.podarmor.samples.acme;

import io.podarmor.assertj.AbstractImageAssert;
import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Property;

/**
 * A team's own image assertions, the AssertJ way: every built-in check, plus the team's properties. Each verdict of
 * its own reaches the hardening report beside the built-in ones, under its own property.
 *
 * <pre>{@code
 * import static io.podarmor.samples.acme.AcmeImageAssert.assertThat;
 *
 * assertThat(image).runsAsNonRoot().exposesNoDebugPort();
 * }</pre>
 */
public class AcmeImageAssert extends AbstractImageAssert<AcmeImageAssert> {
  /** The team's property: no JVM debug (JDWP) port is exposed. */
  public static final Property NO_DEBUG_PORT = Property.of("no-debug-port", "No debug port",
      "The config exposes no JDWP debug port (5005)");

  public AcmeImageAssert(ContainerImage actual) {
    super(actual, AcmeImageAssert.class);
  }

  /** The entry point, beside PodArmor's own {@code assertThat}. */
  public static AcmeImageAssert assertThat(ContainerImage actual) {
    return new AcmeImageAssert(actual);
  }

  /** Verifies that the config exposes no JDWP port: {@code 5005/tcp} fails. */
  public AcmeImageAssert exposesNoDebugPort() {
    return satisfiesProperty(NO_DEBUG_PORT, "exposesNoDebugPort()", "expose no debug port (5005)",
        "static: the config's ExposedPorts", image -> image.config().exposedPorts().stream()
            .filter(port -> port.startsWith("5005/")).toList());
  }
}
