package io.podarmor.assertj.error;

import io.podarmor.runtime.RunningContainer;
import java.util.List;

/** The shared parts of the runtime failure messages. */
final class ContainerMessages {
  private ContainerMessages() {}

  /** {@code ref@digest (container 0123456789ab, profile default)}. */
  static String describe(RunningContainer container) {
    String id = container.id();
    return ImageMessages.name(container.image()) + " (container "
        + (id.length() > 12 ? id.substring(0, 12) : id) + ", profile " + container.profile().name() + ")";
  }

  /** Each line indented by two spaces, or {@code   (none)}. */
  static String indent(List<String> lines) {
    if (lines.isEmpty()) {
      return "  (none)";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(sb.length() == 0 ? "" : "\n").append("  ").append(line);
    }
    return sb.toString();
  }
}
