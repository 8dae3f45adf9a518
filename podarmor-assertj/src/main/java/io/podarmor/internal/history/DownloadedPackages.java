package io.podarmor.internal.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CIS 4.11, a package installed from a file or a URL with nothing checking it: dpkg, apt and rpm check no signature of
 * a package file (rpm's default {@code %_pkgverify_level} checks digests only), and dnf and yum none of a package
 * given by path or URL ({@code localpkg_gpgcheck} is off by default). A package given by URL is unverified; one given
 * by path is when the same step downloads it ({@code curl}, {@code wget}) and runs no checksum or signature tool
 * ({@code sha256sum}, {@code gpg --verify}, {@code cosign verify-blob}, {@code rpm -K}, …) — a package file copied
 * from the build context is the build's own.
 */
final class DownloadedPackages {
  private static final Set<String> DOWNLOADERS = Set.of("curl", "wget");
  private static final Set<String> RPM_FRONTENDS = Set.of("dnf", "dnf-3", "dnf5", "yum", "microdnf", "tdnf");

  private DownloadedPackages() {}

  /** One reason per package the step installs unchecked. */
  static List<String> in(List<ShellCommands.Command> commands) {
    boolean downloads = commands.stream().anyMatch(c -> DOWNLOADERS.contains(c.name()));
    List<String> reasons = new ArrayList<>();
    if (Verifiers.anyIn(commands)) {
      return reasons;
    }
    for (ShellCommands.Command c : commands) {
      for (String pkg : packages(c)) {
        boolean url = isUrl(pkg);
        if (url || downloads) {
          reasons.add(c.name() + " installs " + pkg + (url ? ", fetched by URL," : ", downloaded in the step,")
              + " with no checksum or signature checked");
        }
      }
    }
    return reasons;
  }

  /** The package files or URLs a command installs: {@code dpkg -i}, {@code apt install ./x.deb}, {@code rpm -U}, … */
  private static List<String> packages(ShellCommands.Command c) {
    String name = c.name();
    List<String> args = c.arguments();
    List<String> out = new ArrayList<>();
    boolean installs = switch (name) {
      case "dpkg" -> args.stream().anyMatch(a -> a.equals("--install") || shortFlag(a, 'i'));
      case "rpm" -> args.stream().anyMatch(a -> a.equals("--install") || a.equals("--upgrade")
          || a.equals("--freshen") || a.equals("--reinstall") || rpmInstallMode(a));
      case "apt", "apt-get" -> args.contains("install") || args.contains("reinstall");
      default -> RPM_FRONTENDS.contains(name) && (args.contains("install") || args.contains("localinstall")
          || args.contains("reinstall") || args.contains("upgrade"));
    };
    if (!installs) {
      return out;
    }
    for (String arg : args) {
      if (arg.startsWith("-")) {
        continue;
      }
      String lower = arg.toLowerCase(Locale.ROOT);
      boolean file = lower.endsWith(".deb") || lower.endsWith(".rpm");
      boolean apt = name.startsWith("apt");
      if (isUrl(arg) && !apt || file && (name.equals("dpkg") || name.equals("rpm") || arg.contains("/"))) {
        out.add(arg);
      }
    }
    return out;
  }

  /** {@code -ivh}, {@code -Uvh}, {@code -F}: rpm's install modes, not a query ({@code -qip}), erase or check. */
  private static boolean rpmInstallMode(String arg) {
    return (shortFlag(arg, 'i') || shortFlag(arg, 'U') || shortFlag(arg, 'F')) && !shortFlag(arg, 'q')
        && !shortFlag(arg, 'V') && !shortFlag(arg, 'e') && !shortFlag(arg, 'K');
  }

  static boolean shortFlag(String arg, char flag) {
    return arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf(flag) > 0;
  }

  private static boolean isUrl(String arg) {
    String lower = arg.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://");
  }
}
