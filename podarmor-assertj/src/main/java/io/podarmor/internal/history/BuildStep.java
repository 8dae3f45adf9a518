package io.podarmor.internal.history;

import java.util.List;

/**
 * One history entry read as a Dockerfile instruction: what the legacy builder, BuildKit or Buildah wrote in
 * {@code created_by}, as an instruction ({@code RUN}, {@code ADD}, {@code COPY}, {@code ENV}, …) with its arguments,
 * and for {@code RUN} the shell command it ran.
 */
public final class BuildStep {
  /** The instruction of a history entry that is none the builders write (other tools' free text). */
  public static final String UNKNOWN = "UNKNOWN";
  /** Words one step may have: more than any Dockerfile instruction, and a bound on the memory reading them takes. */
  public static final int MAX_WORDS = 262_144;

  private final int index;
  private final String createdBy;
  private final boolean emptyLayer;
  private final String instruction;
  private final String arguments;
  private final String shellCommand;
  private final List<ShellCommands.Command> commands;
  private final boolean oversized;
  /** {@link #commandsRun()}, once asked for (the package checks share it). */
  private volatile List<ShellCommands.Command> commandsRun;

  BuildStep(int index, String createdBy, boolean emptyLayer, String instruction, String arguments,
      String shellCommand) {
    this.index = index;
    this.createdBy = createdBy;
    this.emptyLayer = emptyLayer;
    this.instruction = instruction;
    this.arguments = arguments;
    this.shellCommand = shellCommand;
    this.oversized = hasMoreWords(arguments, MAX_WORDS);
    this.commands = isRun() && !oversized ? List.copyOf(ShellCommands.split(shellCommand)) : List.of();
  }

  /**
   * True when the step has more than {@value #MAX_WORDS} words: it is not read (no commands, no assignments), and
   * what it may hold cannot be decided.
   */
  public boolean oversized() {
    return oversized;
  }

  /** Whether {@code text} has more than {@code max} words (runs of characters above the space), counted in one pass. */
  private static boolean hasMoreWords(String text, int max) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean blank = text.charAt(i) <= ' ';
      if (!blank && !inWord && ++words > max) {
        return true;
      }
      inWord = !blank;
    }
    return false;
  }

  /** The position in the config's {@code history} array, from 0. */
  public int index() {
    return index;
  }

  /** The {@code created_by} text exactly as written. */
  public String createdBy() {
    return createdBy;
  }

  public boolean emptyLayer() {
    return emptyLayer;
  }

  /** {@code RUN}, {@code ADD}, {@code COPY}, {@code ENV}, … or {@link #UNKNOWN}. */
  public String instruction() {
    return instruction;
  }

  /** The instruction's arguments, e.g. {@code file:abc in /app} or {@code app.tar /}. */
  public String arguments() {
    return arguments;
  }

  /** For a shell-form {@code RUN}, the command the shell ran, build args and shell prefix removed; else empty. */
  public String shellCommand() {
    return shellCommand;
  }

  public boolean isRun() {
    return instruction.equals("RUN");
  }

  /** The simple commands of a {@code RUN} step, in order; empty for other instructions. */
  public List<ShellCommands.Command> commands() {
    return commands;
  }

  /**
   * The commands the step runs, as the package checks see them: wrappers' commands and shells' {@code -c} scripts in
   * their place ({@link ShellCommands#run}); worked out once.
   */
  public List<ShellCommands.Command> commandsRun() {
    List<ShellCommands.Command> run = commandsRun;
    if (run == null) {
      run = List.copyOf(ShellCommands.run(commands));
      commandsRun = run;
    }
    return run;
  }

  /** The destination of an {@code ADD} or {@code COPY}: the last argument, after {@code in} for the legacy form. */
  public String destination() {
    String args = arguments.strip();
    int in = args.lastIndexOf(" in ");
    if (in >= 0) {
      return args.substring(in + 4).strip();
    }
    int space = args.lastIndexOf(' ');
    return space < 0 ? args : args.substring(space + 1);
  }

  /** The step as failure evidence: {@code history[3]: RUN apt-get update} (long commands shortened). */
  public String describe() {
    String text = instruction.equals(UNKNOWN) ? createdBy.strip() : instruction + " " + arguments.strip();
    if (text.length() > 200) {
      text = text.substring(0, 199) + "…";
    }
    return "history[" + index + "]: " + text.replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return describe();
  }
}
