package io.podarmor.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The invocations of a {@link PodArmorFleet} class: one per image of {@code podarmor.images} in this run's shard,
 * each recording its image where {@link PodArmorExtension} looks first.
 */
public final class FleetImages implements ClassTemplateInvocationContextProvider {
  /** The store key of an invocation's image reference. */
  static final String IMAGE_KEY = FleetImages.class.getName() + ".image";

  @Override
  public boolean supportsClassTemplate(ExtensionContext context) {
    return true;
  }

  @Override
  public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
    PodArmorConfiguration config = PodArmorConfiguration.from(context);
    List<String> images = config.images();
    if (images.isEmpty()) {
      throw new ExtensionConfigurationException("No images for the fleet class " + context.getRequiredTestClass()
          .getName() + ": list them in the configuration parameter " + PodArmorConfiguration.IMAGES + " (e.g. -D"
          + PodArmorConfiguration.IMAGES + "=acme/api:1,acme/web:1 or -D" + PodArmorConfiguration.IMAGES
          + "=@images.txt with one reference per line) or the environment variable "
          + PodArmorConfiguration.environmentVariable(PodArmorConfiguration.IMAGES));
    }
    List<String> share = shareOf(images, config.shard());
    return share.stream().map(FleetImages::invocation);
  }

  @Override
  public boolean mayReturnZeroClassTemplateInvocationContexts(ExtensionContext context) {
    return true; // a shard of a short list may be empty
  }

  /** The images at positions i, i + n, i + 2n, … (1-based) of the list: stable for a given list. */
  static List<String> shareOf(List<String> images, int[] shard) {
    List<String> share = new ArrayList<>();
    for (int p = shard[0] - 1; p < images.size(); p += shard[1]) {
      share.add(images.get(p));
    }
    return share;
  }

  private static ClassTemplateInvocationContext invocation(String image) {
    return new ClassTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + invocationIndex + "] " + image;
      }

      @Override
      public void prepareInvocation(ExtensionContext context) {
        context.getStore(PodArmorExtension.NAMESPACE).put(IMAGE_KEY, image);
      }
    };
  }
}
