package io.podarmor.assertj;

import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;

/** Test images with a build history: each step creates a small layer, unless it starts with {@code empty:}. */
final class CisImages {
  static final String EMPTY = "empty:";

  private CisImages() {}

  /** An image tagged {@code podarmor-test-assert/cis-<name>:1} with these history steps. */
  static TestImage image(String name, String... steps) {
    TestImage image = TestImage.named(SourceImages.PREFIX + "cis-" + name + ":1");
    int layer = 0;
    for (String step : steps) {
      boolean empty = step.startsWith(EMPTY);
      image.history(empty ? step.substring(EMPTY.length()) : step, empty);
      if (!empty) {
        layer++;
        image.layer(Layer.create().file("/layer" + layer, name + " " + layer, 0644));
      }
    }
    return image;
  }
}
