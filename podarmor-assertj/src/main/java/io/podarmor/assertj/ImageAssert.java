package io.podarmor.assertj;

import io.podarmor.internal.record.Checks;
import io.podarmor.internal.sbom.SbomDiscovery;
import io.podarmor.supplychain.Sbom;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.internal.record.Properties;
import java.util.function.Supplier;
import static io.podarmor.assertj.error.CannotDecide.cannotDecide;
import static io.podarmor.assertj.error.ShouldHaveFile.shouldHaveFile;
import static io.podarmor.assertj.error.ShouldHaveSbom.shouldHaveSbom;
import static io.podarmor.assertj.error.ShouldHaveHealthcheck.shouldHaveHealthcheck;
import static io.podarmor.assertj.error.ShouldHaveLabel.shouldHaveLabel;
import static io.podarmor.assertj.error.ShouldHaveNoDuplicateIds.shouldHaveNoDuplicateIds;
import static io.podarmor.assertj.error.ShouldHaveNoEmptyPasswords.shouldHaveNoEmptyPasswords;
import static io.podarmor.assertj.error.ShouldHaveNoPackageManager.shouldHaveNoPackageManager;
import static io.podarmor.assertj.error.ShouldHaveNoPackages.shouldHaveNoPackages;
import static io.podarmor.assertj.error.ShouldHaveOnlyPackagesFrom.shouldHaveOnlyPackagesFrom;
import static io.podarmor.assertj.error.ShouldHaveNoShell.shouldHaveNoShell;
import static io.podarmor.assertj.error.ShouldHaveNoSuidFiles.shouldHaveNoSuidFiles;
import static io.podarmor.assertj.error.ShouldHaveNoSuidFilesExcept.shouldHaveNoSuidFilesExcept;
import static io.podarmor.assertj.error.ShouldNotHaveFile.shouldNotHaveFile;
import static io.podarmor.assertj.error.ShouldRunAsGid.shouldRunAsGid;
import static io.podarmor.assertj.error.ShouldRunAsNonRoot.shouldRunAsNonRoot;
import static io.podarmor.assertj.error.ShouldRunAsUid.shouldRunAsUid;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.FileEntry;
import io.podarmor.image.Healthcheck;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.image.InstalledPackage;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.inspect.AccountChecker;
import io.podarmor.internal.inspect.Evidence;
import io.podarmor.internal.inspect.PackageManagerFinder;
import io.podarmor.internal.inspect.ShellFinder;
import io.podarmor.internal.inspect.SuidFinder;
import io.podarmor.internal.inspect.UserResolution;
import io.podarmor.internal.inspect.UserResolver;
import io.podarmor.internal.packages.PackageDatabases;
import io.podarmor.internal.source.ImageSources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import static io.podarmor.assertj.error.ShouldHaveNoSecrets.shouldHaveNoSecrets;
import io.podarmor.internal.inspect.SecretFinder;

/**
 * Assertions on a {@link ContainerImage}: who it runs as, what its merged filesystem holds, what its config declares.
 * Get one from {@link PodArmorAssertions#assertThat(ContainerImage)}; chain checks, each failure names the image
 * ({@code reference@digest}) and lists every piece of evidence.
 *
 * <pre>{@code
 * assertThat(ContainerImage.fromDaemon("acme/api:1.4.2"))
 *     .runsAsUid(65532)
 *     .hasNoSuidFiles()
 *     .hasNoShell()
 *     .hasHealthcheck();
 * }</pre>
 *
 * <p>Every assertion reads the whole image first (once per image: the index is cached). An image that cannot be read
 * throws the {@link ImageException} that says why; no assertion passes on it. A check that cannot decide fails and
 * says why.
 */
public class ImageAssert extends AbstractAssert<ImageAssert, ContainerImage> {

  /**
   * An assertion on this image; prefer {@link PodArmorAssertions#assertThat(ContainerImage)}.
   *
   * @param actual the image under test
   */
  public ImageAssert(ContainerImage actual) {
    super(actual, ImageAssert.class);
  }

  /**
   * Verifies that the image's {@code User} resolves to this uid, as the engine resolves it: not set means root (0), a
   * name goes through the image's own {@code /etc/passwd}, {@code uid:gid} and {@code name:group} are understood. A
   * name missing from {@code /etc/passwd} fails: the engine could not start the container.
   *
   * <pre>{@code
   * // User "nonroot", and /etc/passwd has nonroot:x:65532:65532:...
   * assertThat(image).runsAsUid(65532);  // passes
   * assertThat(image).runsAsUid(0);      // fails: User "nonroot": uid 65532 (nonroot in /etc/passwd), ...
   * }</pre>
   *
   * @param uid the expected uid, 0 or more
   * @return {@code this}, to chain more checks
   */
  public ImageAssert runsAsUid(int uid) {
    return recorded(uid == 0 ? Properties.OTHER : Properties.NON_ROOT, "runsAsUid(" + uid + ")",
        "static: config and the image's /etc/passwd, /etc/group", () -> {
      requireId(uid, "uid");
      UserResolution user = resolveUser("run as uid " + uid);
      if (user.uid() != uid) {
        throwAssertionError(shouldRunAsUid(actual, uid, user.description()));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image's {@code User} resolves to this primary gid: the group part of {@code user:group} when
   * given, else the user's group in {@code /etc/passwd}, else 0 (as the engine does).
   *
   * <pre>{@code
   * // User "65532:65532"
   * assertThat(image).runsAsGid(65532);  // passes
   * // User "65532", no /etc/passwd entry for uid 65532
   * assertThat(image).runsAsGid(65532);  // fails: User "65532": uid 65532, gid 0 (no /etc/passwd entry ...)
   * }</pre>
   *
   * @param gid the expected gid, 0 or more
   * @return {@code this}, to chain more checks
   */
  public ImageAssert runsAsGid(int gid) {
    return recorded(Properties.OTHER, "runsAsGid(" + gid + ")",
        "static: config and the image's /etc/passwd, /etc/group", () -> {
      requireId(gid, "gid");
      UserResolution user = resolveUser("run as gid " + gid);
      if (user.gid() != gid) {
        throwAssertionError(shouldRunAsGid(actual, gid, user.description()));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image's {@code User} resolves to a uid other than 0 (CIS Docker Benchmark 4.1). {@code ""},
   * {@code 0}, {@code 0:0}, {@code root} and {@code root:root} are all root.
   *
   * <pre>{@code
   * // User "65532:65532"
   * assertThat(image).runsAsNonRoot();  // passes
   * // no User
   * assertThat(image).runsAsNonRoot();  // fails: User not set: uid 0 (root), ...
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert runsAsNonRoot() {
    return recorded(Properties.NON_ROOT, "runsAsNonRoot()",
        "static: config and the image's /etc/passwd, /etc/group", () -> {
      UserResolution user = resolveUser("run as a non-root user");
      if (user.uid() == 0) {
        throwAssertionError(shouldRunAsNonRoot(actual, user.description()));
      }
      return myself;
    });
  }

  /**
   * Verifies that no regular file (hard links included) in the merged filesystem has the setuid or setgid bit, like
   * {@code find / -xdev \( -perm -4000 -o -perm -2000 \) -type f} (CIS Docker Benchmark 4.8). A bit cleared by a
   * later layer, or a file a later layer deleted, does not count. The failure lists every such file with its mode,
   * owner and the layer that wrote it.
   *
   * <pre>{@code
   * // a distroless image
   * assertThat(image).hasNoSuidFiles();  // passes
   * // a Debian image
   * assertThat(image).hasNoSuidFiles();  // fails: -rwsr-xr-x 0:0 /usr/bin/passwd from layer 1 (sha256:…), ...
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoSuidFiles() {
    return recorded(Properties.NO_SUID, "hasNoSuidFiles()",
        "static: merged filesystem of every layer", () -> {
      List<FileEntry> found = SuidFinder.find(filesystem());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoSuidFiles(actual, evidence(found)));
      }
      return myself;
    });
  }

  /**
   * Like {@link #hasNoSuidFiles()}, but allows setuid or setgid files at the given absolute paths. A path that goes
   * through a symlink allows the file it leads to ({@code /bin/su} allows {@code /usr/bin/su} when {@code /bin} links
   * to {@code usr/bin}); a hard link to an allowed file is allowed only if its own path is listed.
   *
   * <pre>{@code
   * // setuid: /usr/bin/passwd, /usr/bin/su
   * assertThat(image).hasNoSuidFilesExcept("/usr/bin/passwd", "/usr/bin/su");  // passes
   * assertThat(image).hasNoSuidFilesExcept("/usr/bin/passwd");                 // fails: ... /usr/bin/su ...
   * }</pre>
   *
   * @param paths absolute paths of the setuid or setgid files allowed to stay; none is {@link #hasNoSuidFiles()}
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoSuidFilesExcept(String... paths) {
    return recorded(Properties.NO_SUID, "hasNoSuidFilesExcept(" + String.join(", ", paths == null ? new String[0] : paths) + ")",
        "static: merged filesystem, with listed exceptions", () -> {
      Objects.requireNonNull(paths, "paths");
      List<String> allowedPaths = new ArrayList<>();
      for (String path : paths) {
        allowedPaths.add(requireAbsolute(path, "hasNoSuidFilesExcept"));
      }
      if (allowedPaths.isEmpty()) {
        return hasNoSuidFiles();
      }
      ImageFilesystem fs = filesystem();
      Set<String> allowed = new TreeSet<>(allowedPaths);
      for (String path : allowedPaths) {
        resolveQuietly(fs, path).ifPresent(e -> allowed.add(e.path()));
      }
      List<FileEntry> found = SuidFinder.find(fs).stream()
          .filter(e -> !allowed.contains(e.path()))
          .collect(Collectors.toList());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoSuidFilesExcept(actual, List.copyOf(new TreeSet<>(allowedPaths)),
            evidence(found)));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image has no shell anywhere: no executable named sh, bash, dash, ash, ksh, mksh, zsh, csh, tcsh
   * or fish, no multi-call binary (busybox, toybox) under any name, found by name, by symlink target or by content,
   * and no existing entry of {@code /etc/shells}. The failure says for each path why it is a shell.
   *
   * <pre>{@code
   * // a distroless image
   * assertThat(image).hasNoShell();  // passes
   * // busybox copied to /usr/bin/multi
   * assertThat(image).hasNoShell();  // fails: /usr/bin/multi (content identifies busybox)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoShell() {
    return recorded(Properties.NO_SHELL, "hasNoShell()",
        "static: names, symlink targets, content and /etc/shells", () -> {
      List<String> found = ShellFinder.find(filesystem());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoShell(actual, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image has no package manager executable in any directory: apt, apt-get, aptitude, dpkg, rpm,
   * yum, dnf, microdnf, tdnf, zypper, apk, pacman (regular files with an execute bit, or symlinks to one). Package
   * databases may stay: SBOM tools read them.
   *
   * <pre>{@code
   * // dpkg and apt removed, /var/lib/dpkg/status kept
   * assertThat(image).hasNoPackageManager();  // passes
   * // a Debian image
   * assertThat(image).hasNoPackageManager();  // fails: -rwxr-xr-x 0:0 /usr/bin/apt from layer 1 (sha256:…), ...
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoPackageManager() {
    return recorded(Properties.NO_PACKAGE_MANAGER, "hasNoPackageManager()",
        "static: merged filesystem of every layer", () -> {
      List<FileEntry> found = PackageManagerFinder.find(filesystem());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoPackageManager(actual, evidence(found)));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image config declares a HEALTHCHECK whose test is not {@code NONE} (CIS Docker Benchmark 4.6).
   *
   * <pre>{@code
   * // HEALTHCHECK CMD ["/app", "--health"]
   * assertThat(image).hasHealthcheck();  // passes
   * // HEALTHCHECK NONE
   * assertThat(image).hasHealthcheck();  // fails: HEALTHCHECK NONE
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasHealthcheck() {
    return recorded(Properties.HEALTHCHECK, "hasHealthcheck()",
        "static: image config", () -> {
      Optional<Healthcheck> healthcheck = config().healthcheck();
      if (healthcheck.isEmpty()) {
        throwAssertionError(shouldHaveHealthcheck(actual, "no HEALTHCHECK"));
      }
      if (healthcheck.get().isDisabled()) {
        String found = healthcheck.get().test().isEmpty() ? "a HEALTHCHECK with an empty test" : "HEALTHCHECK NONE";
        throwAssertionError(shouldHaveHealthcheck(actual, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that something exists at this absolute path of the merged filesystem, following symlinks, like
   * {@code test -e}: a file, a directory or anything else; a dangling symlink does not count.
   *
   * <pre>{@code
   * // /etc/ssl/certs -> /usr/share/ca-certificates, which holds ca-certificates.crt
   * assertThat(image).hasFile("/etc/ssl/certs/ca-certificates.crt");  // passes
   * assertThat(image).hasFile("/etc/app.conf");                       // fails: nothing at /etc/app.conf
   * }</pre>
   *
   * @param path an absolute path, e.g. {@code /etc/passwd}
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasFile(String path) {
    return recorded(Properties.OTHER, "hasFile(" + path + ")",
        "static: merged filesystem of every layer", () -> {
      String normalized = requireAbsolute(path, "hasFile");
      ImageFilesystem fs = filesystem();
      Optional<FileEntry> resolved;
      try {
        resolved = fs.resolve(normalized);
      } catch (ImageException loop) {
        throwAssertionError(shouldHaveFile(actual, path, path + " leads into a symlink loop"));
        return myself;
      }
      if (resolved.isEmpty()) {
        Optional<FileEntry> link = fs.get(normalized).filter(FileEntry::isSymlink);
        String found = link.isPresent()
            ? Evidence.of(link.get()) + ", which leads nowhere"
            : "nothing at " + path;
        throwAssertionError(shouldHaveFile(actual, path, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that nothing exists at this absolute path of the merged filesystem, following symlinks, like
   * {@code ! test -e}: a dangling symlink, or a path a later layer deleted, passes.
   *
   * <pre>{@code
   * // a distroless image
   * assertThat(image).doesNotHaveFile("/bin/sh");  // passes
   * // /bin/sh -> busybox
   * assertThat(image).doesNotHaveFile("/bin/sh");  // fails: -rwxr-xr-x 0:0 /bin/busybox ..., reached through /bin/sh
   * }</pre>
   *
   * @param path an absolute path, e.g. {@code /root/.ssh/id_rsa}
   * @return {@code this}, to chain more checks
   */
  public ImageAssert doesNotHaveFile(String path) {
    return recorded(Properties.OTHER, "doesNotHaveFile(" + path + ")",
        "static: merged filesystem of every layer", () -> {
      String normalized = requireAbsolute(path, "doesNotHaveFile");
      Optional<FileEntry> resolved = resolveQuietly(filesystem(), normalized);
      if (resolved.isPresent()) {
        FileEntry entry = resolved.get();
        String found = Evidence.of(entry) + (entry.path().equals(normalized) ? "" : ", reached through " + path);
        throwAssertionError(shouldNotHaveFile(actual, path, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image config carries this label with exactly this value.
   *
   * <pre>{@code
   * // LABEL org.opencontainers.image.vendor="Acme"
   * assertThat(image).hasLabel("org.opencontainers.image.vendor", "Acme");   // passes
   * assertThat(image).hasLabel("org.opencontainers.image.vendor", "Other");  // fails: ...vendor="Acme"
   * }</pre>
   *
   * @param key the label key
   * @param value the expected value
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasLabel(String key, String value) {
    return recorded(Properties.OTHER, "hasLabel(" + key + ", " + value + ")",
        "static: image config", () -> {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      String actualValue = config().labels().get(key);
      if (actualValue == null) {
        throwAssertionError(shouldHaveLabel(actual, label(key, value), "no label " + key));
      }
      if (!value.equals(actualValue)) {
        throwAssertionError(shouldHaveLabel(actual, label(key, value), label(key, actualValue)));
      }
      return myself;
    });
  }

  // --- packages and accounts (CIS 4.3, dockle) ---

  /**
   * Verifies that none of these packages is installed according to the image's own package databases (dpkg, apk,
   * rpm sqlite; CIS Docker Benchmark 4.3). Names match exactly. Fails closed when the image has no package database
   * or one cannot be read.
   *
   * <pre>{@code
   * // a distroless image: base-files, libc6, tzdata in /var/lib/dpkg/status.d
   * assertThat(image).hasNoPackages("openssl", "curl");  // passes
   * // a Debian image with openssl
   * assertThat(image).hasNoPackages("openssl", "curl");  // fails: openssl 3.0.11-1~deb12u2 amd64 (dpkg /var/lib/dpkg/status)
   * }</pre>
   *
   * @param names the package names that must not be installed
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoPackages(String... names) {
    List<String> denied = packageNames(names, "hasNoPackages");
    return recorded(Properties.CIS_4, "hasNoPackages(" + String.join(", ", denied) + ")",
        "static: the image's package databases", () -> {
      String expectation = "have none of the packages: " + String.join(", ", denied);
      PackageDatabases.Inventory inventory = packageInventory(expectation);
      Set<String> deniedSet = Set.copyOf(denied);
      List<String> found = inventory.packages().stream().filter(p -> deniedSet.contains(p.name()))
          .map(InstalledPackage::toString).collect(Collectors.toList());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoPackages(actual, denied, found));
      }
      Checks.passEvidence(inventory.packages().size() + " packages in " + String.join(", ", inventory.databases()));
      return myself;
    });
  }

  /**
   * Verifies that every package the image's own package databases list is on this allowlist of names (CIS Docker
   * Benchmark 4.3). Fails closed when the image has no package database or one cannot be read.
   *
   * <pre>{@code
   * // a distroless image: base-files, libc6, tzdata
   * assertThat(image).hasOnlyPackagesFrom(List.of("base-files", "libc6", "netbase", "tzdata"));  // passes
   * assertThat(image).hasOnlyPackagesFrom(List.of("base-files"));  // fails: libc6 2.36-9+deb12u4 amd64 (dpkg …), ...
   * }</pre>
   *
   * @param allowlist the package names that may be installed
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasOnlyPackagesFrom(Collection<String> allowlist) {
    Objects.requireNonNull(allowlist, "allowlist");
    List<String> allowed = packageNames(allowlist.toArray(new String[0]), "hasOnlyPackagesFrom");
    String shown = allowed.size() <= 8 ? String.join(", ", allowed) : allowed.size() + " names";
    return recorded(Properties.CIS_4, "hasOnlyPackagesFrom(" + shown + ")",
        "static: the image's package databases", () -> {
      String expectation = "have only packages from the allowlist: " + String.join(", ", allowed);
      PackageDatabases.Inventory inventory = packageInventory(expectation);
      Set<String> allowedSet = Set.copyOf(allowed);
      List<String> found = inventory.packages().stream().filter(p -> !allowedSet.contains(p.name()))
          .map(InstalledPackage::toString).collect(Collectors.toList());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveOnlyPackagesFrom(actual, allowed, found));
      }
      Checks.passEvidence(inventory.packages().size() + " packages in " + String.join(", ", inventory.databases()));
      return myself;
    });
  }

  /**
   * Verifies that every installed package is on this allowlist of names; see {@link #hasOnlyPackagesFrom(Collection)}.
   *
   * <pre>{@code
   * assertThat(image).hasOnlyPackagesFrom("base-files", "libc6", "tzdata");  // passes for that distroless image
   * assertThat(image).hasOnlyPackagesFrom("base-files");                     // fails: libc6 …, tzdata …
   * }</pre>
   *
   * @param allowlist the package names that may be installed
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasOnlyPackagesFrom(String... allowlist) {
    Objects.requireNonNull(allowlist, "allowlist");
    return hasOnlyPackagesFrom(List.of(allowlist));
  }

  /**
   * Verifies that no account has an empty password field: neither in {@code /etc/passwd} (an empty field there
   * means no password, whatever {@code /etc/shadow} says) nor in {@code /etc/shadow}. Locked fields ({@code !},
   * {@code *}, {@code !!}) are fine. An image with neither file has no accounts and passes; a file that exists but
   * cannot be read fails closed. Password fields never appear in the failure.
   *
   * <pre>{@code
   * // /etc/shadow: root:*:19000:0:99999:7:::
   * assertThat(image).hasNoEmptyPasswords();  // passes
   * // /etc/shadow: root::19000:0:99999:7:::
   * assertThat(image).hasNoEmptyPasswords();  // fails: root: empty password field in /etc/shadow line 1
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoEmptyPasswords() {
    return recorded(Properties.OTHER, "hasNoEmptyPasswords()", "static: /etc/passwd and /etc/shadow", () -> {
      ImageFilesystem fs = filesystem();
      List<String> found;
      try {
        found = AccountChecker.emptyPasswords(fs);
      } catch (AccountChecker.Undecidable e) {
        throwAssertionError(cannotDecide(actual, "have no account with an empty password", List.of(e.getMessage())));
        return myself;
      }
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoEmptyPasswords(actual, found));
      }
      if (AccountChecker.hasNoAccountFiles(fs)) {
        Checks.passEvidence("no /etc/passwd and no /etc/shadow: no accounts");
      }
      return myself;
    });
  }

  /**
   * Verifies that {@code /etc/passwd} uses no uid and no user name twice and {@code /etc/group} no gid and no group
   * name twice. Missing files have no duplicates; a file that exists but cannot be read fails closed.
   *
   * <pre>{@code
   * // root:x:0:0:..., app:x:1000:1000:...
   * assertThat(image).hasNoDuplicateIds();  // passes
   * // root:x:0:0:..., toor:x:0:0:...
   * assertThat(image).hasNoDuplicateIds();  // fails: uid 0 in /etc/passwd: root (line 1), toor (line 2)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoDuplicateIds() {
    return recorded(Properties.OTHER, "hasNoDuplicateIds()", "static: /etc/passwd and /etc/group", () -> {
      List<String> found;
      try {
        found = AccountChecker.duplicates(filesystem());
      } catch (AccountChecker.Undecidable e) {
        throwAssertionError(cannotDecide(actual, "have no duplicate uids, gids, user names or group names",
            List.of(e.getMessage())));
        return myself;
      }
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoDuplicateIds(actual, found));
      }
      return myself;
    });
  }

  private PackageDatabases.Inventory packageInventory(String expectation) {
    filesystem();
    PackageDatabases.Inventory inventory;
    try {
      inventory = ImageSources.packageInventory(actual);
    } catch (ImageException e) {
      throwAssertionError(cannotDecide(actual, expectation, List.of(e.getMessage())));
      return null;
    }
    if (inventory.databases().isEmpty()) {
      throwAssertionError(cannotDecide(actual, expectation,
          List.of("no package database found (looked at " + PackageDatabases.LOOKED_AT + ")")));
    }
    return inventory;
  }

  private static List<String> packageNames(String[] names, String assertion) {
    Objects.requireNonNull(names, "names");
    TreeSet<String> sorted = new TreeSet<>();
    for (String name : names) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(assertion + " expects package names, but got: " + Arrays.toString(names));
      }
      sorted.add(name);
    }
    return List.copyOf(sorted);
  }

  // --- SBOM ---

  /**
   * Verifies that the image carries a readable SBOM of exactly this format and spec version, and returns
   * assertions on it. Looked for (so far): SBOM files the image ships ({@code *.json} under
   * {@code /var/lib/db/sbom/}, {@code /usr/share/sbom/}, {@code /usr/local/share/sbom/}, {@code /opt/sbom/},
   * {@code /sbom/}). Use {@code SbomFormat.family()} on the returned SBOM for family-level checks.
   *
   * <pre>{@code
   * assertThat(image).hasSbom(SbomFormat.SPDX_2_3).isValid().coversInstalledPackages();
   * // fails for an image without one, listing what it found and every route it looked at
   * }</pre>
   *
   * @param format the format and version required
   * @return assertions on the first SBOM of that format, in path order
   */
  public SbomAssert hasSbom(SbomFormat format) {
    Objects.requireNonNull(format, "format");
    Sbom[] found = new Sbom[1];
    recorded(Properties.SBOM, "hasSbom(" + format + ")", "static: SBOM files in the image", () -> {
      filesystem();
      SbomDiscovery.Found discovered = SbomDiscovery.find(actual);
      List<Sbom> matching = discovered.sboms().stream().filter(s -> s.format() == format).toList();
      if (matching.isEmpty()) {
        List<String> seen = new ArrayList<>();
        discovered.sboms().forEach(s -> seen.add(s.toString()));
        seen.addAll(discovered.rejected());
        if (seen.isEmpty()) {
          seen.add("no SBOM");
        }
        throwAssertionError(shouldHaveSbom(actual, format.toString(), seen, discovered.routes()));
      }
      found[0] = matching.get(0);
      Checks.passEvidence(String.join(", ", matching.stream().map(Sbom::toString).toList()));
      return myself;
    });
    return new SbomAssert(found[0], actual);
  }

  // --- secrets (CIS 4.10) ---

  /**
   * Verifies that the image carries no secret (CIS Docker Benchmark 4.10): no config Env entry or label, and no
   * ENV/ARG assignment recorded in the history (build args of RUN steps included), whose name has a credential word
   * (PASSWORD, SECRET, TOKEN, KEY, …) and whose value is a value (not empty, not an absolute path, not a
   * {@code $VAR}); no value holding a known token; no credential file ({@code id_rsa}, {@code .aws/credentials},
   * {@code .docker/config.json} with auths, {@code .npmrc} with a token, {@code .netrc}, {@code .pgpass},
   * {@code .git-credentials}, {@code .env}, …) and no AWS, GitHub, GitLab or Slack token or PEM private key in a
   * text file of at most 1 MiB, in any layer, even one a later layer removed. Evidence is redacted.
   *
   * <pre>{@code
   * // secrets mounted at run time (/run/secrets/db), GPG_KEY of the base image
   * assertThat(image).hasNoSecrets();  // passes
   * // ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
   * assertThat(image).hasNoSecrets();  // fails: ENV AWS_SECRET_ACCESS_KEY=wJal… (config Env)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoSecrets() {
    return recorded(Properties.CIS_4, "hasNoSecrets()",
        "static: config Env and labels, history ENV/ARG, files of every layer", () -> {
      List<String> found;
      try {
        found = SecretFinder.find(config(), filesystem());
      } catch (IllegalStateException notScanned) {
        throwAssertionError(cannotDecide(actual, "have no secrets", List.of(notScanned.getMessage())));
        return myself;
      }
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoSecrets(actual, found));
      }
      return myself;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The config, after reading the whole image, so that an unreadable image never passes a config-only check. */
  private ImageAssert recorded(String property, String assertion, String method, Supplier<ImageAssert> body) {
    if (actual == null) {
      return body.get();
    }
    return Checks.run(actual.reference(), actual.digest(), property, assertion, method, body);
  }

  private ImageConfig config() {
    filesystem();
    return actual.config();
  }

  /** The merged filesystem, after the config: reading either may throw the image's {@link ImageException}. */
  private ImageFilesystem filesystem() {
    isNotNull();
    actual.config();
    return actual.filesystem();
  }

  private UserResolution resolveUser(String expectation) {
    UserResolution user = UserResolver.resolve(config().user(), filesystem());
    if (!user.isResolved()) {
      throwAssertionError(cannotDecide(actual, expectation, List.of(user.reason())));
    }
    return user;
  }

  private static Optional<FileEntry> resolveQuietly(ImageFilesystem fs, String path) {
    try {
      return fs.resolve(path);
    } catch (ImageException loop) {
      return Optional.empty();
    }
  }

  private static List<String> evidence(List<FileEntry> entries) {
    return entries.stream().map(Evidence::of).collect(Collectors.toList());
  }

  private static String label(String key, String value) {
    return key + "=\"" + value + "\"";
  }

  private static void requireId(int id, String what) {
    if (id < 0) {
      throw new IllegalArgumentException("Expecting a " + what + " of 0 or more, but got " + id);
    }
  }

  private static String requireAbsolute(String path, String assertion) {
    Objects.requireNonNull(path, "path");
    String normalized = path.startsWith("/") ? ImagePaths.normalize(path) : null;
    if (normalized == null) {
      throw new IllegalArgumentException(
          assertion + " expects an absolute path inside the image, such as /etc/passwd, but got: " + path);
    }
    return normalized;
  }
}
