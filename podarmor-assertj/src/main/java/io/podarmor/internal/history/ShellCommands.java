package io.podarmor.internal.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a shell command line into simple commands at {@code &&}, {@code ||}, {@code ;}, {@code |}, {@code &} and
 * newlines, respecting quotes, backslash escapes and line continuations, so that checks see command words, not
 * arguments: in {@code find / -iname sudo} the command is {@code find}.
 */
public final class ShellCommands {
  /** Words that may precede a command without being it. */
  private static final Set<String> PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until", "!",
      "{", "time", "exec", "nohup", "command", "builtin", "env");
  /**
   * Programs that run the command after their options, and those of their options that take an argument (in the next
   * word): {@code sudo -u root apt-get update} runs {@code apt-get}; {@code timeout} takes a duration first.
   */
  private static final Map<String, Set<String>> WRAPPERS = Map.of(
      "sudo", Set.of("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group", "--chdir",
          "--close-from", "--host", "--prompt", "--role", "--type", "--other-user", "--command-timeout"),
      "nice", Set.of("-n", "--adjustment"),
      "ionice", Set.of("-c", "-n", "-p", "-P", "-u", "--class", "--classdata", "--pid", "--pgid", "--uid"),
      "timeout", Set.of("-s", "-k", "--signal", "--kill-after"),
      "stdbuf", Set.of("-i", "-o", "-e", "--input", "--output", "--error"),
      "eatmydata", Set.of(),
      "chronic", Set.of(),
      "nocache", Set.of(),
      "fakeroot", Set.of("-l", "-s", "-i", "--lib", "--faked"));
  /** Shells whose {@code -c} script is read as commands of the step. */
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh");
  /**
   * How deep shells within shells are read: a script one level down must escape the quotes and backslashes of the
   * one above, so each level at least doubles them and a step of a few MB cannot nest much deeper; each level reads a
   * shorter text, so the work stays within this many times the step's length.
   */
  private static final int MAX_NESTING = 32;

  private ShellCommands() {}

  /** One simple command: its words with quotes removed, and whether its input is piped from the previous one. */
  public static final class Command {
    private final List<String> words;
    private final boolean piped;

    Command(List<String> words, boolean piped) {
      this.words = List.copyOf(words);
      this.piped = piped;
    }

    /** Every word, quotes removed, redirections left out. */
    public List<String> words() {
      return words;
    }

    /** True when the previous command's output is piped into this one ({@code a | b}). */
    public boolean piped() {
      return piped;
    }

    /**
     * The command word's index: the first word that is not a variable assignment ({@code A=b}) or a prefix such as
     * {@code then}, {@code do}, {@code exec}, {@code env}; -1 when there is none.
     */
    public int commandIndex() {
      return commandIndexFrom(0);
    }

    private int commandIndexFrom(int from) {
      for (int i = from; i < words.size(); i++) {
        String w = words.get(i);
        boolean assignment = w.matches("[A-Za-z_][A-Za-z0-9_]*=.*");
        boolean envOption = i > 0 && words.get(i - 1).equals("env") && w.startsWith("-");
        if (!assignment && !envOption && !PREFIXES.contains(w)) {
          return i;
        }
      }
      return -1;
    }

    /** The command word's base name ({@code /usr/bin/apt-get} is {@code apt-get}); empty when there is none. */
    public String name() {
      int i = commandIndex();
      return i < 0 ? "" : baseName(i);
    }

    private String baseName(int i) {
      String w = words.get(i);
      return w.substring(w.lastIndexOf('/') + 1);
    }

    /** The words after the command word. */
    public List<String> arguments() {
      int i = commandIndex();
      return i < 0 ? List.of() : words.subList(i + 1, words.size());
    }

    /**
     * The command a wrapper runs ({@code sudo}, {@code eatmydata}, {@code nice}, {@code timeout}, … with their
     * options), wrappers within wrappers too, however many (each word looked at once); this command when it is no
     * wrapper or runs nothing.
     */
    public Command unwrapped() {
      int start = -1; // where the wrapped command's words begin, when there is one
      int i = commandIndex();
      Set<String> withArgument;
      while (i >= 0 && (withArgument = WRAPPERS.get(baseName(i))) != null) {
        boolean timeout = baseName(i).equals("timeout");
        int j = i + 1;
        while (j < words.size() && words.get(j).startsWith("-") && words.get(j).length() > 1) {
          String option = words.get(j);
          j += option.equals("--") ? 1 : withArgument.contains(option) ? 2 : 1;
          if (option.equals("--")) {
            break;
          }
        }
        if (timeout) {
          j++; // the duration
        }
        int next = j < words.size() ? commandIndexFrom(j) : -1;
        if (next < 0) {
          break; // the wrapper runs nothing
        }
        start = j;
        i = next;
      }
      return start < 0 ? this : new Command(words.subList(start, words.size()), piped);
    }

    /** A shell's {@code -c} script ({@code bash -ec 'apt-get update'}), or {@code null} when this is none. */
    String script() {
      if (!SHELLS.contains(name())) {
        return null;
      }
      boolean dashC = false;
      List<String> args = arguments();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("-o") || arg.equals("+o") || arg.equals("-O") || arg.equals("+O")) {
          i++; // set -o's option name
        } else if (arg.startsWith("-") && !arg.startsWith("--") && arg.length() > 1) {
          dashC |= arg.indexOf('c') > 0;
        } else if (!arg.startsWith("+") && !arg.startsWith("--")) {
          return dashC ? arg : null;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return String.join(" ", words);
    }
  }

  /**
   * The commands a step runs, as checks of what it installs see them: each wrapper's command in its place, and a
   * shell's {@code -c} script ({@code bash -c 'apt-get update'}) read as commands in place of that shell (to
   * {@value #MAX_NESTING} levels); the first of a script's commands is piped when the shell was.
   */
  public static List<Command> run(List<Command> commands) {
    List<Command> out = new ArrayList<>();
    run(commands, 0, out);
    return out;
  }

  private static void run(List<Command> commands, int depth, List<Command> out) {
    for (Command command : commands) {
      Command c = command.unwrapped();
      String script = depth < MAX_NESTING ? c.script() : null;
      if (script == null) {
        out.add(c);
        continue;
      }
      List<Command> inner = split(script);
      if (!inner.isEmpty() && c.piped()) {
        inner.set(0, new Command(inner.get(0).words(), true));
      }
      run(inner, depth + 1, out);
    }
  }

  /** The simple commands of a command line, in order. */
  public static List<Command> split(String line) {
    List<Command> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean piped = false;
    boolean skipNextWord = false;
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char next = line.charAt(i + 1);
        if (next == '\n') {
          i += 2;
          continue;
        }
        if (next == '\r' && i + 2 < n && line.charAt(i + 2) == '\n') {
          i += 3;
          continue;
        }
        word.append(next);
        inWord = true;
        i += 2;
        continue;
      }
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        end = end < 0 ? n : end;
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
        continue;
      }
      if (c == '"') {
        i++;
        while (i < n && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < n && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
            if (line.charAt(i + 1) != '\n') {
              word.append(line.charAt(i + 1));
            }
            i += 2;
          } else {
            word.append(line.charAt(i++));
          }
        }
        inWord = true;
        i++;
        continue;
      }
      if (c == '$' && i + 1 < n && line.charAt(i + 1) == '(') {
        // a command substitution stays inside the word: its commands are arguments here
        int depth = 0;
        int start = i;
        i++;
        do {
          char d = line.charAt(i);
          depth += d == '(' ? 1 : d == ')' ? -1 : 0;
          i++;
        } while (i < n && depth > 0);
        word.append(line, start, i);
        inWord = true;
        continue;
      }
      if (c == '#' && !inWord) {
        while (i < n && line.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      boolean separator = c == ';' || c == '\n' || c == '&' || c == '|' || c == '('
          || c == ')';
      boolean blank = c == ' ' || c == '\t' || c == '\r';
      boolean redirect = c == '>' || c == '<';
      if (separator || blank || redirect) {
        if (inWord) {
          if (skipNextWord) {
            skipNextWord = false;
          } else if (!(redirect && word.toString().matches("\\d+"))) {
            words.add(word.toString());
          }
          word.setLength(0);
          inWord = false;
        }
      }
      if (redirect) {
        i++;
        while (i < n && (line.charAt(i) == '>' || line.charAt(i) == '&' || line.charAt(i) == '|')) {
          i++;
        }
        skipNextWord = true;
        continue;
      }
      if (separator) {
        boolean pipe = c == '|' && !(i + 1 < n && line.charAt(i + 1) == '|');
        if (!words.isEmpty()) {
          commands.add(new Command(words, piped));
          words = new ArrayList<>();
        }
        piped = pipe;
        if ((c == '&' || c == '|') && i + 1 < n && line.charAt(i + 1) == c) {
          i++;
        }
        skipNextWord = false;
        i++;
        continue;
      }
      if (blank) {
        i++;
        continue;
      }
      word.append(c);
      inWord = true;
      i++;
    }
    if (inWord && !skipNextWord) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      commands.add(new Command(words, piped));
    }
    return commands;
  }
}
