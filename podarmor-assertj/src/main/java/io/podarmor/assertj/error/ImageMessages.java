package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;

/** The parts every image failure message shares. */
final class ImageMessages {
  /** Between two items of a "but found" list: a new line, indented like the first item. */
  private static final String ITEM_SEPARATOR = System.lineSeparator() + "  ";

  private ImageMessages() {}

  /** The image as a failure names it: {@code reference@digest}, the digest once for a digest-pinned reference. */
  static String name(ContainerImage image) {
    String reference = image.reference();
    return reference.endsWith("@" + image.digest()) ? reference : reference + "@" + image.digest();
  }

  /** Items one per line, each indented by two spaces (the first line's indent is in the format). */
  static String items(List<String> items) {
    return String.join(ITEM_SEPARATOR, items);
  }
}
