package io.podarmor.image.archfixture;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.source.ImageFacts;
import java.util.ArrayList;
import java.util.List;

/** A public API type that breaks the rules on purpose: the architecture rules must catch each break. */
public final class LeakyApi {
  /** Static state outside the seams. */
  public static final List<String> SEEN = new ArrayList<>();

  private LeakyApi() {}

  /** An internal type in a public signature, and an API type reaching into internals. */
  public static ImageFacts facts(ContainerImage image) {
    SEEN.add(image.reference());
    return ImageFacts.of(image);
  }
}
