package io.podarmor.internal.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CIS 4.11, in the build: {@code RUN} steps that install or fetch software without verifying it — signature checks
 * switched off ({@code --allow-unauthenticated}, {@code [trusted=yes]}, {@code --nogpgcheck}, {@code gpgcheck=0}, apt's
 * options that allow it, {@link AptConfig}, …), TLS verification switched off ({@code wget --no-check-certificate},
 * {@code pip install --trusted-host}, {@link TlsOff}), a download run unverified ({@link DownloadsRun}:
 * {@code curl … | sh}, {@code sh -c "$(curl …)"}, …), and a downloaded package installed unchecked
 * ({@link DownloadedPackages}).
 */
public final class UnverifiedPackageFinder {
  /** gpgcheck turned off with any value libdnf reads as false, in any case ({@code gpgcheck=False}). */
  private static final Pattern GPGCHECK_OFF = Pattern.compile(
      "(?i)(?:repo_|localpkg_)?gpgcheck\\s*=\\s*(?:0|false|no|off)\\b");

  /** The rpm package managers, whose options can read repositories from elsewhere. */
  private static final Set<String> RPM_TOOLS = Set.of("dnf", "dnf-3", "dnf5", "yum", "microdnf", "tdnf", "zypper");

  private UnverifiedPackageFinder() {}

  private static boolean isRepoDir(String setting) {
    return setting.toLowerCase(Locale.ROOT).startsWith("reposdir=");
  }

  /**
   * True when {@code trusted=yes} (or another true value, {@link AptTrust}) stands between a {@code [} and the next
   * {@code ]} (apt's options), as the pattern {@code \[[^\]]*trusted=yes[^\]]*\]} finds it, in one pass: the
   * pattern takes time cubic in a text of many {@code [} and {@code trusted=yes} without a {@code ]}.
   */
  static boolean trustsInBrackets(String text) {
    boolean open = false;
    boolean trusted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') {
        open = true;
      } else if (c == ']') {
        if (trusted) {
          return true;
        }
        open = false;
      } else if (open && c == 't' && AptTrust.optionAt(text, i)) {
        trusted = true;
      }
    }
    return false;
  }

  /** One evidence line per step and reason, in history order. */
  public static List<String> find(List<BuildStep> steps) {
    List<String> found = new ArrayList<>();
    for (BuildStep step : steps) {
      Set<String> reasons = new LinkedHashSet<>();
      aptConfigVariable(step.createdBy()).ifPresent(reasons::add);
      reasons.addAll(TlsOff.variables(step.createdBy()));
      if (!step.isRun()) {
        reasons.forEach(reason -> found.add(step.describe() + " (" + reason + ")"));
        continue;
      }
      String text = step.shellCommand();
      if (trustsInBrackets(text)) {
        reasons.add("[trusted=yes] apt source");
      }
      if (GPGCHECK_OFF.matcher(text).find()) {
        reasons.add("gpgcheck=0 repository");
      }
      reasons.addAll(AptConfig.inRunStep(text));
      List<ShellCommands.Command> commands = step.commandsRun();
      for (int i = 0; i < commands.size(); i++) {
        ShellCommands.Command c = commands.get(i);
        String name = c.name();
        List<String> args = c.arguments();
        if (name.equals("apt") || name.equals("apt-get")) {
          for (int a = 0; a < args.size(); a++) {
            String arg = args.get(a);
            if (arg.equals("-c") || arg.equals("--config-file")) {
              reasons.add(name + " " + arg + (a + 1 < args.size() ? " " + args.get(a + 1) : "") + ": apt reads "
                  + "configuration from there, so not verified");
            } else if (arg.startsWith("-c") && !arg.startsWith("--") || arg.startsWith("--config-file=")) {
              reasons.add(name + " " + arg + ": apt reads configuration from there, so not verified");
            }
          }
        }
        if (RPM_TOOLS.contains(name)) {
          for (int a = 0; a < args.size(); a++) {
            String arg = args.get(a);
            String next = a + 1 < args.size() ? args.get(a + 1) : "";
            boolean separate = arg.equals("-c") || arg.equals("--config") || arg.equals("--repofrompath")
                || arg.equals("--reposd-dir") || arg.equals("-D") || arg.equals("--setopt") && isRepoDir(next);
            if (separate || arg.startsWith("--config=") || arg.startsWith("--repofrompath=")
                || arg.startsWith("--reposd-dir=") || arg.startsWith("--setopt=") && isRepoDir(arg.substring(9))) {
              reasons.add(name + " " + arg + (separate ? " " + next : "") + ": repositories are read from there, "
                  + "so not verified");
            }
          }
        }
        for (String arg : args) {
          String flag = arg.toLowerCase(Locale.ROOT);
          if (flag.equals("--allow-unauthenticated") || flag.equals("--allow-insecure-repositories")
              || flag.equals("--nogpgcheck") || flag.equals("--no-gpg-checks") || flag.equals("--allow-untrusted")
              || flag.equals("--nosignature") || flag.equals("--no-gpgcheck")
              || flag.equals("--no-check-certificate") || flag.equals("--trusted-host")
              || flag.startsWith("--trusted-host=")) {
            reasons.add(name + " " + arg);
          }
        }
      }
      reasons.addAll(DownloadsRun.in(text, commands));
      reasons.addAll(TlsOff.commands(commands));
      reasons.addAll(DownloadedPackages.in(commands));
      for (String reason : reasons) {
        found.add(step.describe() + " (" + reason + ")");
      }
    }
    return found;
  }

  /** {@code APT_CONFIG=file} in a step (an {@code ENV} or a RUN step's variable): apt reads that file first. */
  static java.util.Optional<String> aptConfigVariable(String text) {
    for (int at = text.indexOf("APT_CONFIG="); at >= 0; at = text.indexOf("APT_CONFIG=", at + 1)) {
      int from = at + "APT_CONFIG=".length();
      if (from < text.length() && (text.charAt(from) == '"' || text.charAt(from) == '\'')) {
        from++; // the shell takes the quotes off
      }
      int end = from;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "\"';&|".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (end > from) {
        return java.util.Optional.of("APT_CONFIG=" + text.substring(from, end) + ": apt reads its configuration "
            + "from there first, so not verified");
      }
    }
    return java.util.Optional.empty();
  }
}
