package io.podarmor.internal.history;

import io.podarmor.image.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code created_by} as the three common builders write it.
 * <ul>
 *   <li>legacy builder and Buildah: {@code /bin/sh -c #(nop)  ENV A=b}, {@code /bin/sh -c #(nop) ADD file:… in / },
 *   RUN as the shell command line, {@code /bin/sh -c apt-get update}, with build args {@code |1 V=1 /bin/sh -c …}
 *   ({@code |0 /bin/sh -c …} from Buildah);</li>
 *   <li>BuildKit: the instruction as written, {@code RUN |1 V=1 /bin/sh -c apt-get update # buildkit},
 *   {@code ADD a.txt /opt/ # buildkit}, {@code ENV A=b}.</li>
 * </ul>
 */
public final class HistoryParser {
  private static final Set<String> INSTRUCTIONS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
      "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
  private static final String BUILDKIT_SUFFIX = "# buildkit";
  /**
   * {@code |2 A=1 B=2 } before the shell: the build args the legacy builder and BuildKit record (a count too long for
   * an int is no build-args prefix).
   */
  private static final Pattern BUILD_ARGS = Pattern.compile("^\\|(\\d{1,9})\\s");

  private HistoryParser() {}

  /** Every history entry of a config, in order. */
  public static List<BuildStep> parse(List<HistoryEntry> history) {
    List<BuildStep> steps = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      steps.add(parse(i, history.get(i)));
    }
    return steps;
  }

  /** One entry at its index in the history. */
  public static BuildStep parse(int index, HistoryEntry entry) {
    String createdBy = entry.createdBy();
    String text = createdBy.strip();
    if (text.endsWith(BUILDKIT_SUFFIX)) {
      text = text.substring(0, text.length() - BUILDKIT_SUFFIX.length()).strip();
    }
    int space = text.indexOf(' ');
    String first = space < 0 ? text : text.substring(0, space);
    if (INSTRUCTIONS.contains(first)) {
      String args = space < 0 ? "" : text.substring(space + 1).strip();
      return step(index, entry, first, args);
    }
    int nop = text.indexOf("#(nop)");
    if (nop >= 0 && ShellPrefix.length(text) >= 0) {
      String rest = text.substring(nop + "#(nop)".length()).strip();
      int s = rest.indexOf(' ');
      String instruction = (s < 0 ? rest : rest.substring(0, s)).toUpperCase(Locale.ROOT);
      String args = s < 0 ? "" : rest.substring(s + 1).strip();
      if (INSTRUCTIONS.contains(instruction)) {
        return new BuildStep(index, createdBy, entry.emptyLayer(), instruction, args, "");
      }
    }
    String command = shellCommand(text);
    if (command != null) {
      return new BuildStep(index, createdBy, entry.emptyLayer(), "RUN", text, command);
    }
    return new BuildStep(index, createdBy, entry.emptyLayer(), BuildStep.UNKNOWN, text, "");
  }

  private static BuildStep step(int index, HistoryEntry entry, String instruction, String args) {
    if (instruction.equals("RUN")) {
      String command = shellCommand(args);
      // exec form: BuildKit joins the argv with spaces; read it as one command
      return new BuildStep(index, entry.createdBy(), entry.emptyLayer(), "RUN", args, command == null ? args : command);
    }
    return new BuildStep(index, entry.createdBy(), entry.emptyLayer(), instruction, args, "");
  }

  /** The command after build args and the shell prefix, or {@code null} when the text is no shell invocation. */
  private static String shellCommand(String text) {
    String rest = withoutBuildArgs(text);
    int prefix = ShellPrefix.length(rest);
    return prefix < 0 ? null : rest.substring(prefix);
  }

  private static String withoutBuildArgs(String text) {
    Matcher m = BUILD_ARGS.matcher(text);
    if (!m.find()) {
      return text;
    }
    int count = Integer.parseInt(m.group(1));
    String rest = text.substring(m.end()).stripLeading();
    for (int i = 0; i < count && !rest.isEmpty(); i++) {
      int s = rest.indexOf(' ');
      rest = s < 0 ? "" : rest.substring(s + 1).stripLeading();
    }
    return rest;
  }
}
