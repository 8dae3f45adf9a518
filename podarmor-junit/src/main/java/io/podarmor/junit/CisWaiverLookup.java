package io.podarmor.junit;

import io.podarmor.assertj.CisItem;
import io.podarmor.assertj.ImageAssert;
import io.podarmor.assertj.PodArmorAssertions;
import io.podarmor.image.ContainerImage;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/** Finds the {@link CisWaiver}s of a contract's test class and applies the one for the item under test. */
final class CisWaiverLookup {
  private CisWaiverLookup() {}

  /**
   * An assertion on the image with the test class's waiver of this item applied, if it has one.
   *
   * @throws ExtensionConfigurationException when that waiver's reason is blank
   */
  public static ImageAssert assertThat(Class<?> testClass, ContainerImage image, CisItem item) {
    ImageAssert assertion = PodArmorAssertions.assertThat(image);
    List<CisWaiver> waivers = AnnotationSupport.findRepeatableAnnotations(testClass, CisWaiver.class);
    for (CisWaiver waiver : waivers) {
      if (waiver.item() != item) {
        continue;
      }
      if (waiver.reason().isBlank()) {
        throw new ExtensionConfigurationException("@CisWaiver(item = " + item.name() + ") on "
            + testClass.getName() + " has a blank reason: a waiver of CIS " + item.id()
            + " needs a written reason, e.g. @CisWaiver(item = " + item.name() + ", reason = \"why it is acceptable\")");
      }
      assertion.waiving(item, waiver.reason());
    }
    return assertion;
  }

  /** Verifies an item that needs no input, with the test class's waiver of it applied, if it has one. */
  public static void satisfies(Class<?> testClass, ContainerImage image, CisItem item) {
    assertThat(testClass, image, item).satisfies(item);
  }
}
