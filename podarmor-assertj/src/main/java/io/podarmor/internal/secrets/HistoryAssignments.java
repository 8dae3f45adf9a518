package io.podarmor.internal.secrets;

import io.podarmor.internal.history.BuildStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ENV} and {@code ARG} assignments a history step records, read from the step {@link io.podarmor.internal.history.HistoryParser} made
 * of {@code created_by} (so every builder's form is understood the same way there): {@code ENV A=b} and
 * {@code ARG A=b} steps, and build args leaked into a RUN step by all builders ({@code |2 A=b C=d /bin/sh -c make}).
 */
public final class HistoryAssignments {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern RUN_ARGS = Pattern.compile("^\\|(\\d{1,9})\\s+(.*)$", Pattern.DOTALL);

  /** One assignment: {@code ENV} or {@code ARG} (build args of a RUN step are {@code ARG}), name and value. */
  public record Assignment(String instruction, String name, String value) {

    @Override
    public String toString() {
      return instruction + " " + name + "=" + value;
    }
  }

  private HistoryAssignments() {}

  /** Every assignment in the step, in order; none for a step that assigns nothing (COPY, a RUN without args, …). */
  public static List<Assignment> parse(BuildStep step) {
    List<Assignment> found = new ArrayList<>();
    if (step.oversized()) {
      return found; // not read: the check cannot decide (BuildHistory#unread)
    }
    String instruction = step.instruction();
    if (instruction.equals("ENV") || instruction.equals("ARG")) {
      pairs(instruction, step.arguments(), found);
    } else if (step.isRun()) {
      Matcher run = RUN_ARGS.matcher(step.arguments());
      if (run.matches()) {
        buildArgs(Integer.parseInt(run.group(1)), run.group(2), found);
      }
    }
    return found;
  }

  /**
   * {@code A=b C=d}: a word with {@code =} starts a pair, a word without one continues the previous value (builders
   * write values with spaces unquoted). A bare {@code ARG A} declares without a default and assigns nothing.
   */
  private static void pairs(String instruction, String text, List<Assignment> found) {
    String name = null;
    StringBuilder value = new StringBuilder();
    for (int from = 0; from <= text.length(); ) {
      int space = text.indexOf(' ', from);
      int to = space < 0 ? text.length() : space;
      String word = text.substring(from, to);
      from = to + 1;
      int eq = startsPair(word);
      if (eq > 0) {
        if (name != null) {
          found.add(new Assignment(instruction, name, value.toString()));
        }
        name = word.substring(0, eq);
        value.setLength(0);
        value.append(word, eq + 1, word.length());
      } else if (name != null) {
        value.append(' ').append(word);
      }
    }
    if (name != null) {
      found.add(new Assignment(instruction, name, value.toString()));
    }
  }

  /** {@code |N A=b C=d cmd}: exactly N words of build args, then the command. */
  private static void buildArgs(int count, String text, List<Assignment> found) {
    int from = 0;
    for (int i = 0; i < count && from < text.length(); i++) {
      int space = text.indexOf(' ', from);
      int to = space < 0 ? text.length() : space;
      String word = text.substring(from, to);
      from = to + 1;
      int eq = startsPair(word);
      if (eq <= 0) {
        return;
      }
      found.add(new Assignment("ARG", word.substring(0, eq), word.substring(eq + 1)));
    }
  }

  private static int startsPair(String word) {
    int eq = word.indexOf('=');
    return eq > 0 && NAME.matcher(word.substring(0, eq)).matches() ? eq : -1;
  }
}
