package io.podarmor.internal.history;

import java.util.ArrayList;
import java.util.List;

/**
 * CIS 4.7: a {@code RUN} step that refreshes a package index ({@code apt-get update}, {@code apk update},
 * {@code dnf makecache}, {@code zypper refresh}, …) with no install or upgrade after it in the same step, so a later
 * step's install would use a stale cached index. Commands run through {@code sudo} and other wrappers, or in a shell's
 * {@code -c} script, count as the commands they run.
 */
public final class LoneUpdateFinder {
  private LoneUpdateFinder() {}

  /** One evidence line per lone update, in history order. */
  public static List<String> find(List<BuildStep> steps) {
    List<String> found = new ArrayList<>();
    for (BuildStep step : steps) {
      List<ShellCommands.Command> commands = step.commandsRun();
      for (int i = 0; i < commands.size(); i++) {
        if (!PackageCommands.isUpdate(commands.get(i))) {
          continue;
        }
        boolean installAfter = false;
        for (int j = i + 1; j < commands.size() && !installAfter; j++) {
          installAfter = PackageCommands.isInstall(commands.get(j));
        }
        if (!installAfter) {
          found.add(step.describe() + " (" + commands.get(i) + " with no install or upgrade after it)");
          break;
        }
      }
    }
    return found;
  }
}
