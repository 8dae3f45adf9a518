package io.podarmor.internal.history;

import io.podarmor.internal.inspect.ShellFinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CIS 4.11, downloads run unverified: what {@code curl} or {@code wget} fetches, run by a shell or an interpreter
 * without a checksum or signature in between, in each of the idioms install scripts use: piped into it ({@code curl …
 * | sh}, through {@code tee}, into {@code busybox sh} or {@code python3}), substituted as the command ({@code sh -c
 * "$(curl …)"}), given to {@code eval} or {@code source}, as a script file ({@code bash <(curl …)}), or saved (with
 * {@code -o}, {@code -O} or {@code >}) and then run ({@code curl -o get-docker.sh … && sh get-docker.sh}) when nothing
 * in the step checks it first.
 */
final class DownloadsRun {
  private static final Set<String> SHELLS = ShellFinder.SHELL_NAMES;
  /** Interpreters that run a script read from their input when given none. */
  private static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "perl", "ruby", "node",
      "php");
  /** Their options that give the program on the command line or by name instead. */
  private static final Set<String> PROGRAM_OPTIONS = Set.of("-c", "-m", "-e", "-E", "-r", "--eval");
  /** Builtins that run the text they are given. */
  private static final Set<String> EVALUATORS = Set.of("eval", "source", ".");
  /** A download's output substituted into a word: {@code $(curl …)}, {@code `wget …`}, {@code <(curl …)}. */
  private static final Pattern SUBSTITUTED = Pattern.compile("(?:\\$\\(|`|<\\()[ \\t]*(?:[^ \\t()`]*/)?(curl|wget)\\b");
  /** A shell or {@code source} given a download as its script file: {@code bash <(curl …)}. */
  private static final Pattern SCRIPT_FILE = Pattern.compile(
      "(?:^|[\\s;&|(])(sh|bash|ash|dash|zsh|ksh|mksh|source|\\.)[ \\t]+<\\([ \\t]*(?:[^ \\t()]*/)?(curl|wget)\\b");

  private DownloadsRun() {}

  /** One reason per download the step runs unverified; {@code text} is the step's shell command. */
  static List<String> in(String text, List<ShellCommands.Command> commands) {
    List<String> reasons = new ArrayList<>();
    Matcher file = SCRIPT_FILE.matcher(text);
    if (file.find()) {
      reasons.add(file.group(2) + " download run by " + file.group(1) + " as its script");
    }
    for (int i = 0; i < commands.size(); i++) {
      ShellCommands.Command c = commands.get(i);
      int at = c.commandIndex();
      if (at < 0) {
        continue;
      }
      Matcher word = SUBSTITUTED.matcher(c.words().get(at));
      if (word.lookingAt()) {
        reasons.add(word.group(1) + " download run as a command");
      }
      String name = c.name();
      List<String> args = c.arguments();
      for (int a = 0; a < args.size(); a++) {
        boolean runs = EVALUATORS.contains(name)
            || a > 0 && PROGRAM_OPTIONS.contains(args.get(a - 1)) && (SHELLS.contains(name)
            || INTERPRETERS.contains(name));
        Matcher arg = SUBSTITUTED.matcher(args.get(a));
        if (runs && arg.find()) {
          reasons.add(arg.group(1) + " download run by " + name);
        }
      }
      if (name.equals("curl") || name.equals("wget")) {
        int j = i + 1;
        while (j < commands.size() && commands.get(j).piped() && commands.get(j).name().equals("tee")) {
          j++; // tee passes the download on
        }
        if (j < commands.size() && commands.get(j).piped() && readsScript(commands.get(j))) {
          boolean insecure = name.equals("curl") && args.stream().anyMatch(DownloadsRun::curlInsecure);
          reasons.add(name + (insecure ? " --insecure" : "") + " download piped into " + runner(commands.get(j)));
        }
      }
    }
    if (!Verifiers.anyIn(commands)) {
      reasons.addAll(savedThenRun(text, commands));
    }
    return reasons;
  }

  /**
   * A file the step's {@code curl} or {@code wget} saves, then runs as a script or a program ({@code curl -o
   * get-docker.sh … && sh get-docker.sh}), matched by file name.
   */
  private static List<String> savedThenRun(String text, List<ShellCommands.Command> commands) {
    Map<String, String> saved = redirected(text); // file name -> the downloader
    for (ShellCommands.Command c : commands) {
      if (c.name().equals("curl") || c.name().equals("wget")) {
        for (String file : savedBy(c)) {
          saved.put(file, c.name());
        }
      }
    }
    List<String> reasons = new ArrayList<>();
    if (saved.isEmpty()) {
      return reasons;
    }
    for (ShellCommands.Command c : commands) {
      int at = c.commandIndex();
      if (at < 0) {
        continue;
      }
      String runner = c.name();
      String script = SHELLS.contains(runner) && c.script() == null || INTERPRETERS.contains(runner)
          ? firstOperand(c.arguments()) : null;
      String file = script != null ? baseName(script) : baseName(c.words().get(at));
      String by = script != null ? "run by " + runner : "run as a command";
      if (saved.containsKey(file)) {
        reasons.add(saved.get(file) + " download " + file + " " + by + " with no checksum or signature checked");
      }
    }
    return reasons;
  }

  /**
   * The names of the files a {@code curl} or {@code wget} command's output is redirected to ({@code curl … >
   * /tmp/i.sh}, {@code >>}), by one scan of the step's text: the command's words do not keep redirections. A
   * redirection of another descriptor ({@code 2>/dev/null}, {@code >&2}) is not the download.
   */
  private static Map<String, String> redirected(String text) {
    Map<String, String> out = new HashMap<>();
    String downloader = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean wordStart = i == 0 || " \t\n;&|(/".indexOf(text.charAt(i - 1)) >= 0;
      if (wordStart && (text.startsWith("curl", i) || text.startsWith("wget", i)) && (i + 4 == text.length()
          || " \t\n;&|)".indexOf(text.charAt(i + 4)) >= 0)) {
        downloader = text.substring(i, i + 4);
        i += 3;
      } else if (c == '|' || c == ';' || c == '\n' || c == '&' && (i == 0 || text.charAt(i - 1) != '>')) {
        downloader = null;
      } else if (c == '>' && downloader != null) {
        boolean otherDescriptor = i > 0 && Character.isDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '1';
        int j = i + 1;
        if (j < text.length() && text.charAt(j) == '>') {
          j++;
        }
        if (j < text.length() && text.charAt(j) == '&') {
          i = j;
          continue; // >&2: a descriptor, not a file
        }
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
          j++;
        }
        int end = j;
        while (end < text.length() && " \t\n;&|<>()".indexOf(text.charAt(end)) < 0) {
          end++;
        }
        String target = text.substring(j, end).replace("\"", "").replace("'", "");
        if (!otherDescriptor && !target.isEmpty() && !target.equals("/dev/null")) {
          out.put(baseName(target), downloader);
        }
        i = end - 1;
      }
    }
    return out;
  }

  /** The names of the files a {@code curl} or {@code wget} command saves. */
  private static List<String> savedBy(ShellCommands.Command c) {
    boolean curl = c.name().equals("curl");
    List<String> args = c.arguments();
    List<String> named = new ArrayList<>();
    boolean remoteName = !curl; // wget saves under the URL's name unless told otherwise
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String next = i + 1 < args.size() ? args.get(i + 1) : null;
      char output = curl ? 'o' : 'O';
      if (a.equals("--output") || a.equals("--output-document")
          || a.startsWith("-") && !a.startsWith("--") && a.indexOf(output) == a.length() - 1) {
        if (next != null && !next.equals("-")) {
          named.add(baseName(next));
        }
        remoteName = false;
        i++;
      } else if (a.startsWith("--output=") || a.startsWith("--output-document=")) {
        String file = a.substring(a.indexOf('=') + 1);
        if (!file.equals("-")) {
          named.add(baseName(file));
        }
        remoteName = false;
      } else if (!curl && a.startsWith("-") && !a.startsWith("--") && a.indexOf('O') > 0) {
        String file = a.substring(a.indexOf('O') + 1); // -qO- or -Ofile
        if (!file.equals("-") && !file.isEmpty()) {
          named.add(baseName(file));
        }
        remoteName = false;
      } else if (curl && (a.equals("--remote-name") || a.equals("--remote-name-all")
          || a.startsWith("-") && !a.startsWith("--") && a.indexOf('O') > 0)) {
        remoteName = true;
      }
    }
    if (remoteName) {
      for (String a : args) {
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://")) {
          String path = a.replaceFirst("[?#].*$", "");
          named.add(baseName(path));
        }
      }
    }
    named.removeIf(String::isEmpty);
    return named;
  }

  private static String firstOperand(List<String> args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A shell (or {@code busybox sh}), or an interpreter given no program of its own, reading its input. */
  private static boolean readsScript(ShellCommands.Command c) {
    if (SHELLS.contains(c.name())) {
      return true;
    }
    List<String> args = c.arguments();
    if ((c.name().equals("busybox") || c.name().equals("toybox")) && !args.isEmpty()) {
      return SHELLS.contains(args.get(0));
    }
    if (!INTERPRETERS.contains(c.name())) {
      return false;
    }
    for (String arg : args) {
      if (arg.equals("-")) {
        return true; // the script is the input; what follows are its arguments
      }
      if (PROGRAM_OPTIONS.contains(arg) || !arg.startsWith("-")) {
        return false; // a program given on the command line, or a script file: the input is data
      }
    }
    return true;
  }

  private static String runner(ShellCommands.Command c) {
    return c.name().equals("busybox") || c.name().equals("toybox") ? c.name() + " " + c.arguments().get(0)
        : c.name();
  }

  private static boolean curlInsecure(String arg) {
    return arg.equals("--insecure") || (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('k') > 0);
  }
}
