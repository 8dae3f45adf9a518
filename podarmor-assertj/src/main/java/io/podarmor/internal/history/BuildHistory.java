package io.podarmor.internal.history;

import io.podarmor.image.HistoryEntry;
import io.podarmor.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An image's build history as steps (immutable; parsed once per config), and whether it can be trusted to tell what
 * the build ran: a config without history, or one rewritten by a squash (fewer or more layer-creating steps than
 * layers, steps without {@code created_by}), cannot decide a history check. A base imported with {@code docker
 * import} (its first layer-creating step, {@code Imported from …}) is the base's root filesystem, as
 * {@code ADD file:… in /} is.
 */
public final class BuildHistory {
  private final List<BuildStep> steps;
  private final List<String> undecidable;

  private BuildHistory(List<BuildStep> steps, List<String> undecidable) {
    this.steps = List.copyOf(steps);
    this.undecidable = List.copyOf(undecidable);
  }

  /** The history of this config. */
  public static BuildHistory of(ImageConfig config) {
    List<HistoryEntry> entries = config.history();
    List<String> reasons = new ArrayList<>();
    if (!config.hasHistory()) {
      reasons.add("the image config records no build history (squashed, or built by a tool that writes none)");
      return new BuildHistory(List.of(), reasons);
    }
    long layerSteps = entries.stream().filter(e -> !e.emptyLayer()).count();
    int layers = config.layerDiffIds().size();
    if (layerSteps != layers) {
      reasons.add("the history has " + layerSteps + " layer-creating step" + (layerSteps == 1 ? "" : "s") + " for "
          + layers + " layer" + (layers == 1 ? "" : "s") + ": it was rewritten (squashed?), so it does not tell"
          + " what built each layer");
    }
    int firstLayer = firstLayerEntry(entries);
    for (int i = 0; i < entries.size(); i++) {
      if (i == firstLayer && isImport(entries.get(i))) {
        continue; // the base's root filesystem, imported: like ADD file:… in /, it ran nothing
      }
      if (entries.get(i).createdBy().isBlank()) {
        String comment = entries.get(i).comment().strip();
        reasons.add("history[" + i + "] has no created_by" + (comment.isEmpty() ? "" : " (comment: " + comment + ")")
            + ": what it ran is not recorded");
      }
    }
    List<BuildStep> steps = HistoryParser.parse(entries);
    reasons.addAll(unread(steps));
    return new BuildHistory(steps, reasons);
  }

  /** Why steps were not read: each one of more than {@value BuildStep#MAX_WORDS} words. */
  public List<String> unread() {
    return unread(steps);
  }

  private static List<String> unread(List<BuildStep> steps) {
    List<String> reasons = new ArrayList<>();
    for (BuildStep step : steps) {
      if (step.oversized()) {
        reasons.add(String.format(Locale.ROOT, "history[%d] has more than %,d words, more than PodArmor reads of one "
            + "step", step.index(), BuildStep.MAX_WORDS));
      }
    }
    return reasons;
  }

  /**
   * A root filesystem {@code docker import} made: a layer-creating step with no {@code created_by} and the
   * {@code Imported from …} comment the engine writes (debootstrap + import is how many teams make their base).
   */
  static boolean isImport(HistoryEntry entry) {
    return !entry.emptyLayer() && entry.createdBy().isBlank() && entry.comment().startsWith("Imported from ");
  }

  private static int firstLayerEntry(List<HistoryEntry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      if (!entries.get(i).emptyLayer()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The characters of every step's {@code created_by}, arguments and shell command (the last two are copies), one at
   * least per step: what the history costs to keep.
   */
  public long textLength() {
    long sum = 0;
    for (BuildStep step : steps) {
      sum += 1 + step.createdBy().length() + step.arguments().length() + step.shellCommand().length();
    }
    return sum;
  }

  /** Every step, oldest first. */
  public List<BuildStep> steps() {
    return steps;
  }

  /** Why the history cannot decide a check; empty when it can. */
  public List<String> undecidable() {
    return undecidable;
  }

  /** The index of the first step that created a layer (the base image's first layer), or -1. */
  public int firstLayerStep() {
    for (BuildStep step : steps) {
      if (!step.emptyLayer()) {
        return step.index();
      }
    }
    return -1;
  }
}
