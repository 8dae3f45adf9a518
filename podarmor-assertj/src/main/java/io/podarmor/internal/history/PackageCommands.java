package io.podarmor.internal.history;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a package-manager command does: refresh its index, or install/upgrade packages. */
final class PackageCommands {
  private static final Map<String, Set<String>> UPDATES = Map.of(
      "apt-get", Set.of("update"),
      "apt", Set.of("update"),
      "apk", Set.of("update"),
      "yum", Set.of("makecache", "check-update"),
      "dnf", Set.of("makecache", "check-update"),
      "microdnf", Set.of("makecache", "check-update"),
      "tdnf", Set.of("makecache", "check-update"),
      "zypper", Set.of("refresh", "ref"));
  private static final Set<String> DNF_INSTALLS = Set.of("install", "upgrade", "update", "reinstall", "distro-sync",
      "localinstall", "groupinstall");
  private static final Map<String, Set<String>> INSTALLS = Map.of(
      "apt-get", Set.of("install", "upgrade", "dist-upgrade", "full-upgrade", "reinstall"),
      "apt", Set.of("install", "upgrade", "dist-upgrade", "full-upgrade", "reinstall"),
      "apk", Set.of("add", "upgrade", "fix"),
      "yum", DNF_INSTALLS,
      "dnf", DNF_INSTALLS,
      "microdnf", DNF_INSTALLS,
      "tdnf", DNF_INSTALLS,
      "zypper", Set.of("install", "in", "update", "up", "dist-upgrade", "dup", "patch"));

  private PackageCommands() {}

  static boolean isUpdate(ShellCommands.Command command) {
    return subcommandIn(command, UPDATES);
  }

  static boolean isInstall(ShellCommands.Command command) {
    return subcommandIn(command, INSTALLS);
  }

  /** The first argument that is one of the manager's subcommands decides (options such as {@code -y} are skipped). */
  private static boolean subcommandIn(ShellCommands.Command command, Map<String, Set<String>> table) {
    Set<String> wanted = table.get(command.name());
    if (wanted == null) {
      return false;
    }
    List<String> args = command.arguments();
    for (String arg : args) {
      if (UPDATES.get(command.name()).contains(arg) || INSTALLS.get(command.name()).contains(arg)) {
        return wanted.contains(arg);
      }
    }
    return false;
  }
}
