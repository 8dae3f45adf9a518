package io.podarmor.internal.history;

import java.util.ArrayList;
import java.util.List;

/**
 * CIS 4.9: every {@code ADD} step, except the base image's root filesystem: an {@code ADD} to {@code /} as the first
 * layer-creating step ({@code ADD file:… in /} from the legacy builder and Buildah, {@code ADD rootfs.tar.xz /} from
 * BuildKit).
 */
public final class AddFinder {
  private AddFinder() {}

  /** One evidence line per {@code ADD} step, in history order. */
  public static List<String> find(BuildHistory history) {
    int base = history.firstLayerStep();
    List<String> found = new ArrayList<>();
    for (BuildStep step : history.steps()) {
      if (!step.instruction().equals("ADD")) {
        continue;
      }
      if (step.index() == base && step.destination().equals("/")) {
        continue;
      }
      found.add(step.describe());
    }
    return found;
  }
}
