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
import static io.podarmor.assertj.error.ShouldHaveBeenBuiltWithin.shouldHaveBeenBuiltWithin;
import static io.podarmor.assertj.error.ShouldHaveNoAddInstructions.shouldHaveNoAddInstructions;
import static io.podarmor.assertj.error.ShouldHaveNoLoneUpdateInstructions.shouldHaveNoLoneUpdateInstructions;
import static io.podarmor.assertj.error.ShouldHaveNoSudo.shouldHaveNoSudo;
import static io.podarmor.assertj.error.ShouldInstallVerifiedPackagesOnly.shouldInstallVerifiedPackagesOnly;
import static io.podarmor.assertj.error.ShouldSatisfyCisDockerSection4.shouldSatisfyCisDockerSection4;
import io.podarmor.internal.history.AddFinder;
import io.podarmor.internal.history.AptSources;
import io.podarmor.internal.history.BuildHistory;
import io.podarmor.internal.history.LoneUpdateFinder;
import io.podarmor.internal.history.SudoFinder;
import io.podarmor.internal.history.UnverifiedPackageFinder;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import static io.podarmor.assertj.error.ShouldSatisfyOnEveryPlatform.shouldSatisfyOnEveryPlatform;
import static io.podarmor.assertj.error.ShouldSupportPlatforms.shouldSupportPlatforms;
import io.podarmor.image.Platform;
import static io.podarmor.assertj.error.ShouldBeSigned.shouldBeSigned;
import static io.podarmor.assertj.error.ShouldBeSignedOnEveryPlatform.shouldBeSignedOnEveryPlatform;
import io.podarmor.internal.signature.SignatureCheck;
import io.podarmor.internal.signature.SignatureVerifier;
import io.podarmor.internal.signature.TrustSettings;
import io.podarmor.supplychain.TrustPolicy;

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
  /** The soft assertions this instance collects into (set by {@link PodArmorSoftAssertions}), or null. */
  PodArmorSoftAssertions softly;

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
    return cisRecorded(CisItem.CIS_4_1, Properties.NON_ROOT, "runsAsNonRoot()",
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
    return cisRecorded(CisItem.CIS_4_8, Properties.NO_SUID, "hasNoSuidFiles()",
        "static: merged filesystem of every layer", () -> {
      List<FileEntry> found = SuidFinder.find(filesystem());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoSuidFiles(actual, evidence(found)));
      }
      return myself;
    });
  }

  /**
   * Like {@link #hasNoSuidFiles()}, but allows setuid or setgid files at the given absolute paths. A path whose
   * directories go through a symlink allows the file there ({@code /bin/su} allows {@code /usr/bin/su} when
   * {@code /bin} links to {@code usr/bin}); a path that is itself a symlink allows nothing, so the image cannot point
   * an allowed name at another setuid file; a hard link to an allowed file is allowed only if its own path is
   * listed.
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
        // directories are followed, the file itself is not: a symlink allows nothing, whatever it points at
        parentResolvedQuietly(fs, path).filter(FileEntry::isRegularFile).ifPresent(e -> allowed.add(e.path()));
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
    return cisRecorded(CisItem.CIS_4_6, Properties.HEALTHCHECK, "hasHealthcheck()",
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
    return cisRecorded(CisItem.CIS_4_3, "hasNoPackages(" + String.join(", ", denied) + ")",
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
    return cisRecorded(CisItem.CIS_4_3, "hasOnlyPackagesFrom(" + shown + ")",
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
   * assertions on it. Looked for: SBOM files the image ships ({@code *.json} under {@code /var/lib/db/sbom/},
   * {@code /usr/share/sbom/}, {@code /usr/local/share/sbom/}, {@code /opt/sbom/}, {@code /sbom/}); in a registry,
   * BuildKit attestation manifests of the index, OCI referrers (or the {@code sha256-<hex>} tag fallback) of an SBOM
   * artifact type or Sigstore bundles of SBOM attestations, cosign's {@code sha256-<hex>.sbom} and
   * {@code sha256-<hex>.att}; in an OCI layout, the same referrers and cosign tags listed in its {@code index.json}.
   * Use {@code SbomFormat.family()} on the returned SBOM for family-level checks, and
   * {@link SbomAssert#isAttestedBy} to require a signed attestation.
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
    SbomDiscovery.Found[] all = new SbomDiscovery.Found[1];
    try {
      hasSbomRecorded(format, found, all);
    } catch (AssertionError e) {
      if (softly == null) {
        throw e;
      }
      // softly: collect it here and go on with a chain whose steps say there is no SBOM (AssertJ's collector
      // could only return null for another assert type)
      softly.collectAssertionError(e);
      return SbomAssert.chained(softly, null, actual, null, format.toString());
    }
    return SbomAssert.chained(softly, found[0], actual, all[0], null);
  }

  private void hasSbomRecorded(SbomFormat format, Sbom[] found, SbomDiscovery.Found[] all) {
    recorded(Properties.SBOM, "hasSbom(" + format + ")",
        "static: SBOMs in the image, referrers, cosign tags and attestations", () -> {
      filesystem();
      SbomDiscovery.Found discovered = SbomDiscovery.find(actual);
      all[0] = discovered;
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
      // the first line is the report chip's detail: the format; then where each matching SBOM was found
      Checks.passEvidence(format.toString());
      matching.forEach(s -> Checks.passEvidence(s.toString()));
      return myself;
    });
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
    return cisRecorded(CisItem.CIS_4_10, "hasNoSecrets()",
        "static: config Env and labels, history ENV/ARG, files of every layer", () -> {
      List<String> found;
      try {
        found = SecretFinder.find(config(), ImageSources.buildHistory(actual).steps(), filesystem());
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

  // --- CIS Docker Benchmark section 4: history checks, waivers, composition ---

  /**
   * The items {@link #satisfiesCisDockerSection4()} runs: every section 4 item decidable without user input, one line
   * each, in id order.
   */
  private static final List<Map.Entry<CisItem, Consumer<ImageAssert>>> CIS_SECTION_4 = List.of(
      Map.entry(CisItem.CIS_4_1, ImageAssert::runsAsNonRoot),
      Map.entry(CisItem.CIS_4_6, ImageAssert::hasHealthcheck),
      Map.entry(CisItem.CIS_4_7, ImageAssert::hasNoLoneUpdateInstructions),
      Map.entry(CisItem.CIS_4_8, ImageAssert::hasNoSuidFiles),
      Map.entry(CisItem.CIS_4_9, ImageAssert::hasNoAddInstructions),
      Map.entry(CisItem.CIS_4_10, ImageAssert::hasNoSecrets),
      Map.entry(CisItem.CIS_4_11, ImageAssert::installsVerifiedPackagesOnly));

  private final Map<CisItem, String> waivers = new EnumMap<>(CisItem.class);

  /**
   * Waives a CIS item for the checks that follow: the item's assertion (and its part of
   * {@link #satisfiesCisDockerSection4()}) is not run but recorded as waived, with the written reason.
   *
   * <pre>{@code
   * assertThat(image)
   *     .waiving(CisItem.CIS_4_9, "vendor base image uses ADD for its rootfs tarball")
   *     .satisfiesCisDockerSection4();   // passes if all else does; the report shows 4.9 waived with the reason
   * assertThat(image).waiving(CisItem.CIS_4_9, " ");  // IllegalArgumentException: a waiver needs a reason
   * }</pre>
   *
   * @param item the CIS item to waive
   * @param reason why it is acceptable for this image, not blank
   * @return {@code this}, to chain more checks
   * @throws IllegalArgumentException when the reason is null or blank
   */
  public ImageAssert waiving(CisItem item, String reason) {
    Objects.requireNonNull(item, "item");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("A waiver of CIS " + item.id() + " (" + item.title()
          + ") needs a written reason, but got " + (reason == null ? "null" : "\"" + reason + "\""));
    }
    waivers.put(item, reason.strip());
    return myself;
  }

  /**
   * Verifies that the image was created within this time (CIS Docker Benchmark 4.4: images are rebuilt to include
   * security patches), from the config's {@code created}. A missing creation time, or the 1970 epoch that
   * reproducible builds write, cannot decide and fails.
   *
   * <pre>{@code
   * // created 10 days ago
   * assertThat(image).wasBuiltWithin(Duration.ofDays(90));  // passes
   * assertThat(image).wasBuiltWithin(Duration.ofDays(7));   // fails: created 2026-11-19T00:00:00Z, 10 days ago
   * }</pre>
   *
   * @param maxAge the oldest an image may be, positive
   * @return {@code this}, to chain more checks
   */
  public ImageAssert wasBuiltWithin(Duration maxAge) {
    return cisRecorded(CisItem.CIS_4_4, "wasBuiltWithin(" + maxAge + ")", "static: the config's created time", () -> {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("wasBuiltWithin expects a positive duration, but got " + maxAge);
      }
      String within = describe(maxAge);
      Optional<Instant> created = config().created();
      String expectation = "have been built within " + within + " (CIS 4.4)";
      if (created.isEmpty()) {
        throwAssertionError(cannotDecide(actual, expectation, List.of("the config records no creation time")));
      }
      if (created.get().isBefore(Instant.parse("1971-01-01T00:00:00Z"))) {
        throwAssertionError(cannotDecide(actual, expectation, List.of("the config's creation time is "
            + created.get() + ", a fixed epoch (a reproducible build?), not when the image was built")));
      }
      Duration age = Duration.between(created.get(), Instant.now());
      if (age.compareTo(maxAge) > 0) {
        throwAssertionError(shouldHaveBeenBuiltWithin(actual, within,
            List.of("created " + created.get() + ", " + age.toDays() + " days ago")));
      }
      Checks.passEvidence("created " + created.get());
      return myself;
    });
  }

  /**
   * Verifies that no {@code RUN} step refreshes a package index ({@code apt-get update}, {@code apt update},
   * {@code apk update}, {@code yum|dnf|microdnf makecache} or {@code check-update}, {@code zypper refresh}) without
   * an install or upgrade after it in the same step (CIS Docker Benchmark 4.7), read from the build history as the
   * legacy builder, BuildKit and Buildah write it. A missing or squashed history cannot decide and fails.
   *
   * <pre>{@code
   * // RUN apt-get update && apt-get install -y curl
   * assertThat(image).hasNoLoneUpdateInstructions();  // passes
   * // RUN apt-get update
   * assertThat(image).hasNoLoneUpdateInstructions();  // fails: history[4]: RUN /bin/sh -c apt-get update (...)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoLoneUpdateInstructions() {
    return cisRecorded(CisItem.CIS_4_7, "hasNoLoneUpdateInstructions()", "static: build history, RUN steps", () -> {
      BuildHistory history = history("have no package index update without an install in the same RUN step"
          + " (CIS 4.7)");
      List<String> found = LoneUpdateFinder.find(history.steps());
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoLoneUpdateInstructions(actual, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that the build history has no {@code ADD} step (CIS Docker Benchmark 4.9), in every form the builders
   * write, except the base image's root filesystem: an {@code ADD} to {@code /} as the first layer. The failure lists
   * each {@code ADD} step with its history index. A missing or squashed history cannot decide and fails.
   *
   * <pre>{@code
   * // FROM debian (ADD rootfs.tar.xz /), COPY app /app
   * assertThat(image).hasNoAddInstructions();  // passes
   * // ADD https://example.com/app.tgz /opt/
   * assertThat(image).hasNoAddInstructions();  // fails: history[3]: ADD https://example.com/app.tgz /opt/
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoAddInstructions() {
    return cisRecorded(CisItem.CIS_4_9, "hasNoAddInstructions()", "static: build history", () -> {
      List<String> found = AddFinder.find(history("use COPY instead of ADD (CIS 4.9)"));
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoAddInstructions(actual, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that the build installed verified software only (CIS Docker Benchmark 4.11): no {@code RUN} step turns
   * off signature or TLS checks ({@code --allow-unauthenticated}, {@code --allow-insecure-repositories},
   * {@code -o APT::Get::AllowUnauthenticated=true}, {@code [trusted=yes]}, {@code --nogpgcheck}, {@code gpgcheck=0},
   * {@code --no-check-certificate}, {@code pip install --trusted-host}) or pipes a download into a shell
   * ({@code curl … | sh}, {@code wget -O- … | bash}), and no apt source in the image is trusted without a signature
   * ({@code [trusted=yes]}, deb822 {@code Trusted: yes}). A missing or squashed history cannot decide and fails.
   *
   * <pre>{@code
   * // RUN apt-get update && apt-get install -y curl
   * assertThat(image).installsVerifiedPackagesOnly();  // passes
   * // RUN curl -fsSL https://get.example.com | sh
   * assertThat(image).installsVerifiedPackagesOnly();  // fails: history[2]: RUN ... (curl download piped into sh)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert installsVerifiedPackagesOnly() {
    return cisRecorded(CisItem.CIS_4_11, "installsVerifiedPackagesOnly()",
        "static: build history and apt sources in the filesystem", () -> {
      ImageFilesystem fs = filesystem();
      BuildHistory history = history("install verified packages only (CIS 4.11)");
      List<String> found = new ArrayList<>(UnverifiedPackageFinder.find(history.steps()));
      found.addAll(AptSources.find(fs));
      if (!found.isEmpty()) {
        throwAssertionError(shouldInstallVerifiedPackagesOnly(actual, found));
      }
      return myself;
    });
  }

  /**
   * Verifies that the image neither used nor ships sudo (dockle DKL-DI-0001): no {@code RUN} step runs {@code sudo}
   * as a command, and no {@code sudo} executable is in the filesystem. {@code find / -iname sudo},
   * {@code apt-get purge sudo} or {@code echo sudo} do not count. A missing or squashed history cannot decide and
   * fails.
   *
   * <pre>{@code
   * // RUN apt-get purge -y sudo
   * assertThat(image).hasNoSudo();  // passes
   * // RUN sudo make install
   * assertThat(image).hasNoSudo();  // fails: history[3]: RUN /bin/sh -c sudo make install
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert hasNoSudo() {
    return recorded(Properties.OTHER, "hasNoSudo()", "static: build history and merged filesystem", () -> {
      ImageFilesystem fs = filesystem();
      BuildHistory history = history("have no sudo (dockle DKL-DI-0001)");
      List<String> found = new ArrayList<>(SudoFinder.inHistory(history.steps()));
      found.addAll(SudoFinder.inFilesystem(fs));
      if (!found.isEmpty()) {
        throwAssertionError(shouldHaveNoSudo(actual, found));
      }
      return myself;
    });
  }

  /**
   * Verifies every CIS Docker Benchmark section 4 item that needs no input from the user — 4.1
   * {@link #runsAsNonRoot()}, 4.6 {@link #hasHealthcheck()}, 4.7 {@link #hasNoLoneUpdateInstructions()}, 4.8
   * {@link #hasNoSuidFiles()}, 4.9 {@link #hasNoAddInstructions()}, 4.10 {@link #hasNoSecrets()}, 4.11
   * {@link #installsVerifiedPackagesOnly()} —
   * and fails once, listing each failed item by id with its title and evidence; waived items are listed with their
   * reason. Each item is recorded on its own, and the composition once more.
   *
   * <pre>{@code
   * assertThat(image).satisfiesCisDockerSection4();  // passes when every item passes or is waived
   * // root, no HEALTHCHECK
   * assertThat(image).satisfiesCisDockerSection4();  // fails: 4.1 Ensure that a user ...:\n    User not set ...
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert satisfiesCisDockerSection4() {
    return recorded(Properties.CIS_4, "satisfiesCisDockerSection4()",
        "static: config, build history and merged filesystem", () -> {
      filesystem();
      Map<CisItem, List<String>> failed = new EnumMap<>(CisItem.class);
      for (Map.Entry<CisItem, Consumer<ImageAssert>> check : CIS_SECTION_4) {
        ImageAssert item = new ImageAssert(actual);
        item.waivers.putAll(waivers);
        try {
          check.getValue().accept(item);
        } catch (AssertionError e) {
          failed.put(check.getKey(), itemEvidence(e.getMessage()));
        }
      }
      List<String> lines = new ArrayList<>();
      List<String> waived = new ArrayList<>();
      for (Map.Entry<CisItem, Consumer<ImageAssert>> check : CIS_SECTION_4) {
        CisItem item = check.getKey();
        if (waivers.containsKey(item)) {
          lines.add(item.id() + " waived: " + waivers.get(item));
          waived.add(item.id() + " waived: " + waivers.get(item));
        } else if (failed.containsKey(item)) {
          lines.add(item + ":");
          failed.get(item).forEach(line -> lines.add("  " + line));
        }
      }
      if (!failed.isEmpty()) {
        throwAssertionError(shouldSatisfyCisDockerSection4(actual, lines));
      }
      Checks.passEvidence(waived.isEmpty()
          ? CIS_SECTION_4.stream().map(e -> e.getKey().id()).collect(Collectors.joining(", ")) + " passed"
          : String.join("; ", waived));
      return myself;
    });
  }

  /** Runs a CIS item's check, or records it as waived when a waiver names it. */
  private ImageAssert cisRecorded(CisItem item, String assertion, String method, Supplier<ImageAssert> body) {
    return cisRecorded(item, Properties.CIS_4, assertion, method, body);
  }

  /** Like {@link #recorded}, but honours a waiver of the CIS item. */
  private ImageAssert cisRecorded(CisItem item, String property, String assertion, String method,
      Supplier<ImageAssert> body) {
    String reason = waivers.get(item);
    if (reason == null || actual == null) {
      return recorded(property, assertion, method, body);
    }
    Checks.waived(actual.reference(), actual.digest(), property, assertion, method, reason);
    return myself;
  }

  /** The build history (parsed once per image), failing closed when it cannot tell what the build ran. */
  private BuildHistory history(String expectation) {
    config();
    BuildHistory history = ImageSources.buildHistory(actual);
    if (!history.undecidable().isEmpty()) {
      throwAssertionError(cannotDecide(actual, expectation, history.undecidable()));
    }
    return history;
  }

  /** An item's failure lines: what it found, or why it could not decide. */
  private static List<String> itemEvidence(String message) {
    List<String> out = new ArrayList<>();
    String text = message == null ? "" : message;
    String prefix = "";
    int found = text.indexOf("but found:");
    int undecided = text.indexOf("but could not decide:");
    if (found >= 0) {
      text = text.substring(found + "but found:".length());
    } else if (undecided >= 0) {
      text = text.substring(undecided + "but could not decide:".length());
      prefix = "could not decide: ";
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        out.add(prefix + line.strip());
      }
    }
    return out;
  }

  private static String describe(Duration d) {
    if (d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toSeconds() % 3_600 == 0 && d.getNano() == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toString();
  }

  // --- multi-arch ---

  /**
   * Verifies that the image's source offers an image for every given platform ({@code os/arch[/variant]}): the
   * platforms of its index, attestation manifests ({@code unknown/unknown}) left out; for an image that is not an
   * index, its one platform. A platform without a variant matches any variant ({@code linux/arm64} matches
   * {@code linux/arm64/v8}). Each platform found is opened (its manifest and config read and verified): an index
   * entry whose image cannot be read throws the {@link ImageException} that says why; one whose config names another
   * platform fails. Two or more platforms are recorded as the report's Multi-arch property, with the platforms found
   * as the chip's detail.
   *
   * <pre>{@code
   * // an index with linux/amd64 and linux/arm64 images
   * assertThat(image).supportsPlatforms("linux/amd64", "linux/arm64");   // passes
   * assertThat(image).supportsPlatforms("linux/amd64", "linux/arm/v7");  // fails: no image for linux/arm/v7
   * }</pre>
   *
   * @param platforms one or more platforms, e.g. {@code linux/amd64}, {@code linux/arm64}, {@code linux/arm/v7}
   * @return {@code this}, to chain more checks
   * @throws IllegalArgumentException when no platform is given or one is not of the form {@code os/arch[/variant]}
   */
  public ImageAssert supportsPlatforms(String... platforms) {
    List<Platform> wanted = parsePlatforms(platforms);
    List<String> asWritten = wanted.stream().map(Platform::toString).collect(Collectors.toList());
    return recorded(wanted.size() > 1 ? Properties.MULTI_ARCH : Properties.OTHER,
        "supportsPlatforms(" + String.join(", ", asWritten) + ")", "static: index and manifests", () -> {
      filesystem();
      List<Platform> offered = actual.platforms();
      List<String> missing = new ArrayList<>();
      List<String> mislabelled = new ArrayList<>();
      List<String> found = new ArrayList<>();
      for (Platform p : wanted) {
        Optional<Platform> match = offered.stream().filter(p::matches).findFirst();
        if (match.isEmpty()) {
          missing.add(p.toString());
          continue;
        }
        // the platform's manifest and config are read (digests verified); one that cannot be read throws
        ContainerImage platformImage = actual.forPlatform(match.get());
        if (!match.get().matches(platformImage.platform())) {
          mislabelled.add(match.get() + " in the index is " + platformImage.digest() + ", whose config says "
              + platformImage.platform());
        }
        found.add(match.get().toString());
      }
      if (!missing.isEmpty() || !mislabelled.isEmpty()) {
        List<String> evidence = new ArrayList<>();
        if (!missing.isEmpty()) {
          evidence.add("no image for " + String.join(", ", missing));
        }
        evidence.addAll(mislabelled);
        String list = offered.stream().map(Platform::toString).collect(Collectors.joining(", "));
        evidence.add(offered.size() > 1 ? "the index has: " + list : "the image is for: " + list);
        throwAssertionError(shouldSupportPlatforms(actual, asWritten, evidence));
      }
      Checks.passEvidence(String.join(", ", found));
      return myself;
    });
  }

  /**
   * Runs the given assertions on the image of every platform its source offers (attestations left out; for an image
   * that is not an index, on the image itself) and fails once, naming each failing platform with its failure, after
   * all platforms ran, like AssertJ's {@code allSatisfy}. The checks are static: no platform is emulated. Each
   * platform's checks are recorded for the report under that platform's manifest digest. A platform image that
   * cannot be read throws its {@link ImageException}, as every assertion does: no platform passes unread.
   *
   * <pre>{@code
   * // linux/amd64 is distroless, linux/arm64 has /bin/sh
   * assertThat(image).onEveryPlatform(platformImage -> platformImage.runsAsNonRoot());  // passes
   * assertThat(image).onEveryPlatform(platformImage -> platformImage.hasNoShell());
   * // fails: on linux/arm64: Expecting image: ... to have no shell ... /bin/sh
   * }</pre>
   *
   * @param assertions what every platform's image must satisfy, given an {@code ImageAssert} on that image
   * @return {@code this}, to chain more checks
   */
  public ImageAssert onEveryPlatform(Consumer<ImageAssert> assertions) {
    Objects.requireNonNull(assertions, "assertions");
    isNotNull();
    List<Platform> platforms = actual.platforms();
    List<String> failures = new ArrayList<>();
    for (Platform p : platforms) {
      try {
        assertions.accept(new ImageAssert(actual.forPlatform(p)));
      } catch (AssertionError e) {
        failures.add(onPlatform(p, String.valueOf(e.getMessage())));
      }
    }
    if (!failures.isEmpty()) {
      throwAssertionError(shouldSatisfyOnEveryPlatform(actual,
          platforms.stream().map(Platform::toString).collect(Collectors.toList()), failures));
    }
    return myself;
  }

  private static String onPlatform(Platform p, String message) {
    StringBuilder out = new StringBuilder("on ").append(p).append(':');
    for (String line : message.strip().split("\\R")) {
      out.append(System.lineSeparator()).append("    ").append(line);
    }
    return out.toString();
  }

  private static List<Platform> parsePlatforms(String... platforms) {
    if (platforms == null || platforms.length == 0) {
      throw new IllegalArgumentException(
          "supportsPlatforms expects one or more platforms, such as linux/amd64, but got none");
    }
    List<Platform> out = new ArrayList<>();
    for (String p : platforms) {
      out.add(Platform.parse(p));
    }
    return out;
  }

  // --- signatures ---

  /**
   * Verifies that the image carries a cosign signature that verifies under the configured trust policy
   * ({@code podarmor.trust.public-key}, or {@code podarmor.trust.identity} and {@code .issuer}, with
   * {@code .trusted-root}; system properties, {@code PODARMOR_TRUST_*} or the JUnit extension's configuration). With
   * no policy configured any signature that verifies counts: a keyless one against the configured trusted root (a
   * key-based one needs its key). The signed payload must name this image's digest, or the index it was chosen
   * from; the verified signer goes into the report.
   *
   * <pre>{@code
   * // -Dpodarmor.trust.public-key=cosign.pub, the image signed with `cosign sign --key cosign.key`
   * assertThat(image).isSigned();  // passes
   * // an unsigned image
   * assertThat(image).isSigned();  // fails: no signature in 127.0.0.1:5000/acme/api (tags sha256-….sig, ...)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   * @throws IllegalArgumentException when the trust settings are inconsistent (identity without issuer, ...)
   */
  public ImageAssert isSigned() {
    return recorded(Properties.SIGNED, "isSigned()", SIGNATURE_METHOD, () -> {
      isNotNull();
      TrustSettings.Configured trust = TrustSettings.configured();
      String expectation = trust.policy == null ? "be signed (" + trust.describe() + ")"
          : "be signed by " + trust.policy + " (configured)";
      return requireSigned(SignatureVerifier.check(actual, trust.policy, trust.trustedRoot), expectation);
    });
  }

  /**
   * Verifies that the image carries a cosign signature that verifies under this policy: made with its public key,
   * or keyless by its identity and issuer under its trusted root. The signed payload must name this image's digest,
   * or the index it was chosen from.
   *
   * <pre>{@code
   * assertThat(image).isSignedBy(TrustPolicy.publicKey(Path.of("cosign.pub")));      // passes: signed with it
   * assertThat(image).isSignedBy(TrustPolicy.publicKey(Path.of("other.pub")));       // fails: ... does not verify
   * }</pre>
   *
   * @param policy whose signature counts
   * @return {@code this}, to chain more checks
   */
  public ImageAssert isSignedBy(TrustPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return recorded(Properties.SIGNED, "isSignedBy(" + policy + ")", SIGNATURE_METHOD, () -> {
      isNotNull();
      return requireSigned(SignatureVerifier.check(actual, policy), "be signed by " + policy);
    });
  }

  /**
   * Verifies that every platform of the image's index carries its own signature under the configured trust policy
   * (see {@link #isSigned()}): a signature over each platform's manifest, as {@code cosign sign --recursive} makes.
   * A signature over the index alone does not count here (it does for {@link #isSigned()}). The failure names each
   * unsigned platform.
   *
   * <pre>{@code
   * // linux/amd64 and linux/arm64 signed with cosign.key
   * assertThat(image).isSignedOnEveryPlatform();  // passes
   * // only linux/amd64 signed
   * assertThat(image).isSignedOnEveryPlatform();  // fails: linux/arm64 sha256:…: no valid signature over ...
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public ImageAssert isSignedOnEveryPlatform() {
    return recorded(Properties.SIGNED, "isSignedOnEveryPlatform()", SIGNATURE_METHOD, () -> {
      isNotNull();
      TrustSettings.Configured trust = TrustSettings.configured();
      return requireEveryPlatformSigned(trust.policy, trust.trustedRoot, trust.policy == null
          ? "(" + trust.describe() + ")" : "by " + trust.policy + " (configured)");
    });
  }

  /**
   * Like {@link #isSignedOnEveryPlatform()}, under this policy.
   *
   * <pre>{@code
   * assertThat(image).isSignedOnEveryPlatformBy(TrustPolicy.publicKey(Path.of("cosign.pub")));
   * }</pre>
   *
   * @param policy whose signature counts
   * @return {@code this}, to chain more checks
   */
  public ImageAssert isSignedOnEveryPlatformBy(TrustPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return recorded(Properties.SIGNED, "isSignedOnEveryPlatformBy(" + policy + ")", SIGNATURE_METHOD, () -> {
      isNotNull();
      return requireEveryPlatformSigned(policy, policy.trustedRoot().orElse(null), "by " + policy);
    });
  }

  private static final String SIGNATURE_METHOD =
      "supply chain: cosign .sig tags and sigstore bundle referrers, verified offline";

  private ImageAssert requireSigned(SignatureCheck check, String expectation) {
    if (check.undecidable().isPresent()) {
      throwAssertionError(cannotDecide(actual, expectation, List.of(check.undecidable().get())));
    }
    if (!check.isSigned()) {
      List<String> found = check.rejected().isEmpty() ? List.of("no signature in " + check.searched())
          : check.rejected();
      throwAssertionError(shouldBeSigned(actual, expectation, found));
    }
    Checks.passEvidence(check.evidence().toArray(new String[0]));
    return myself;
  }

  private ImageAssert requireEveryPlatformSigned(TrustPolicy policy, java.nio.file.Path trustedRoot, String by) {
    String expectation = "be signed on every platform (a signature over each platform's manifest) " + by;
    List<String> unsigned = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    java.util.function.Function<ContainerImage, SignatureCheck> checker = SignatureVerifier.checker(policy,
        trustedRoot);
    for (io.podarmor.image.Platform platform : actual.platforms()) {
      ContainerImage image = actual.forPlatform(platform);
      SignatureCheck check = checker.apply(image);
      if (check.undecidable().isPresent()) {
        throwAssertionError(cannotDecide(actual, expectation, List.of(platform + " " + image.digest() + ": "
            + check.undecidable().get())));
      }
      List<String> own = check.verified().stream().filter(s -> s.signedDigest().equals(image.digest()))
          .map(s -> platform + " signed by " + s.signer()).collect(Collectors.toList());
      if (own.isEmpty()) {
        unsigned.add(platform + " " + image.digest() + ": no valid signature over this manifest"
            + (check.verified().isEmpty() ? "" : " (only its index is signed)"));
        check.rejected().forEach(r -> unsigned.add("  " + r));
      }
      evidence.addAll(own);
    }
    if (!unsigned.isEmpty()) {
      throwAssertionError(shouldBeSignedOnEveryPlatform(actual, expectation, unsigned));
    }
    Checks.passEvidence("signed on every platform (" + actual.platforms().stream().map(String::valueOf)
        .collect(Collectors.joining(", ")) + ")");
    Checks.passEvidence(evidence.toArray(new String[0]));
    return myself;
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

  private static Optional<FileEntry> parentResolvedQuietly(ImageFilesystem fs, String path) {
    try {
      return fs instanceof io.podarmor.internal.fs.MergedFilesystem merged ? merged.resolveParent(path) : fs.get(path);
    } catch (ImageException loop) {
      return Optional.empty();
    }
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
