package io.podarmor.internal.history;

import java.util.List;
import java.util.Set;

/**
 * Whether a step checks what it downloads: a checksum tool ({@code sha256sum}, …), or a signature tool asked to verify
 * ({@code gpg --verify}, {@code cosign verify-blob}, {@code rpm -K}, …). Only its presence is looked at, not what it
 * checks.
 */
final class Verifiers {
  /** Tools that check a file whatever their arguments: checksums, and verifiers that only verify. */
  private static final Set<String> CHECKERS = Set.of("sha256sum", "sha512sum", "sha384sum", "sha224sum", "sha1sum",
      "shasum", "md5sum", "b2sum", "gpgv", "minisign", "signify", "debsig-verify");

  private Verifiers() {}

  /** True when one of the step's commands checks a file. */
  static boolean anyIn(List<ShellCommands.Command> commands) {
    return commands.stream().anyMatch(Verifiers::verifies);
  }

  /** A checksum tool, or a signature tool asked to verify ({@code gpg --verify}, {@code cosign verify-blob}, …). */
  private static boolean verifies(ShellCommands.Command c) {
    List<String> args = c.arguments();
    return switch (c.name()) {
      case "gpg", "gpg2" -> args.contains("--verify") || args.contains("--verify-files");
      case "cosign" -> !args.isEmpty() && args.get(0).startsWith("verify");
      case "openssl" -> args.contains("dgst");
      case "dpkg-sig" -> args.contains("--verify") || args.contains("-c");
      case "rpm", "rpmkeys" -> args.stream().anyMatch(a -> a.equals("--checksig")
          || DownloadedPackages.shortFlag(a, 'K'));
      default -> CHECKERS.contains(c.name());
    };
  }
}
