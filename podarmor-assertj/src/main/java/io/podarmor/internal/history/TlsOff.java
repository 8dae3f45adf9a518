package io.podarmor.internal.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CIS 4.11, TLS verification turned off for what a step fetches, by configuration rather than by a flag of the
 * installing command: the variables Node, git and Python read ({@code NODE_TLS_REJECT_UNAUTHORIZED=0},
 * {@code GIT_SSL_NO_VERIFY}, {@code PYTHONHTTPSVERIFY=0}, {@code npm_config_strict_ssl=false}, {@code PIP_TRUSTED_HOST})
 * in a step or an {@code ENV}, npm's, yarn's and pnpm's {@code strict-ssl} set false, git's {@code http.sslVerify}
 * set false, and pip's {@code trusted-host} configured.
 */
final class TlsOff {
  /** A value ends: the variable is exactly {@code 0} (or {@code false}), as Node and Python compare it. */
  private static final String END = "(?=$|[\\s\"';&|])";
  private static final Pattern VARIABLE = Pattern.compile("(?i)(?<![A-Za-z0-9_])(NODE_TLS_REJECT_UNAUTHORIZED=[\"']?0"
      + END + "|GIT_SSL_NO_VERIFY=[\"']?[^\\s\"';&|]++|PYTHONHTTPSVERIFY=[\"']?0" + END
      + "|npm_config_strict_ssl=[\"']?false" + END + "|PIP_TRUSTED_HOST=[\"']?[^\\s\"';&|]++)");

  private TlsOff() {}

  /** The variables that turn verification off in a step's text (any kind of step). */
  static List<String> variables(String text) {
    List<String> reasons = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      reasons.add(m.group(1).replace("\"", "").replace("'", "") + ": TLS verification off");
    }
    return reasons;
  }

  /** The commands that configure verification off. */
  static List<String> commands(List<ShellCommands.Command> commands) {
    List<String> reasons = new ArrayList<>();
    for (ShellCommands.Command c : commands) {
      String name = c.name();
      List<String> args = c.arguments();
      String all = String.join(" ", args).toLowerCase(Locale.ROOT);
      boolean off = switch (name) {
        case "npm", "yarn", "pnpm" -> all.contains("strict-ssl=false") || all.contains("strict-ssl false");
        case "git" -> all.contains("http.sslverify=false") || all.contains("http.sslverify false");
        case "pip", "pip3" -> all.startsWith("config set") && all.contains(".trusted-host");
        default -> false;
      };
      if (off) {
        reasons.add(name + " " + String.join(" ", args) + ": TLS verification off");
      }
    }
    return reasons;
  }
}
