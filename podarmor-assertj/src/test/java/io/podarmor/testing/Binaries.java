package io.podarmor.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Static binaries from the machine's Debian packages, for runnable test images. */
public final class Binaries {
  private Binaries() {}

  /** Debian's {@code busybox-static}: a shell and coreutils in one static binary. */
  public static Path busybox() {
    return require(Path.of("/bin/busybox"), "busybox-static");
  }

  /** Debian's {@code catatonit}: a static init that can just wait ({@code -P}), with no shell. */
  public static Path catatonit() {
    return require(Path.of("/usr/bin/catatonit"), "catatonit");
  }

  /** Debian's {@code dash}: its {@code /bin/sh}, a dynamically linked shell. */
  public static Path dash() {
    return require(Path.of("/usr/bin/dash"), "dash");
  }

  /** Debian's {@code zsh}. */
  public static Path zsh() {
    return require(Path.of("/bin/zsh"), "zsh");
  }

  /** Debian's {@code mksh}, the MirBSD Korn shell. */
  public static Path mksh() {
    return require(Path.of("/bin/mksh"), "mksh");
  }

  /** Debian's {@code tcsh}. */
  public static Path tcsh() {
    return require(Path.of("/bin/tcsh"), "tcsh");
  }

  /** Debian's {@code ksh93} (package ksh). */
  public static Path ksh93() {
    return require(Path.of("/bin/ksh93"), "ksh");
  }

  /** Debian's {@code yash}. */
  public static Path yash() {
    return require(Path.of("/bin/yash"), "yash");
  }

  /** Debian's {@code posh}. */
  public static Path posh() {
    return require(Path.of("/bin/posh"), "posh");
  }

  /** Debian's {@code sash}, a statically linked shell. */
  public static Path sash() {
    return require(Path.of("/bin/sash"), "sash");
  }

  /** Debian's {@code fish}, the friendly interactive shell. */
  public static Path fish() {
    return require(Path.of("/usr/bin/fish"), "fish");
  }

  /** Debian's {@code rc}, Byron Rakitzis' Plan 9 shell ({@code /usr/bin/rc} is an alternative for it). */
  public static Path rc() {
    return require(Path.of("/usr/bin/rc.byron"), "rc");
  }

  /** Debian's {@code rpm}, the command that installs rpm packages. */
  public static Path rpm() {
    return require(Path.of("/usr/bin/rpm"), "rpm");
  }

  /** Debian's {@code pacman} (package pacman-package-manager). */
  public static Path pacman() {
    return require(Path.of("/usr/bin/pacman"), "pacman-package-manager");
  }

  private static Path require(Path path, String pkg) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: install Debian's " + pkg + " (.ci/run does)");
    }
    return path;
  }
}
