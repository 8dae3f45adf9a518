package io.podarmor.assertj;

import static io.podarmor.assertj.error.CannotDecide.cannotDecide;
import static io.podarmor.assertj.error.ShouldBeSigned.shouldBeSigned;
import static io.podarmor.assertj.error.ShouldBeSignedOnEveryPlatform.shouldBeSignedOnEveryPlatform;
import static io.podarmor.assertj.error.ShouldHaveBeenBuiltWithin.shouldHaveBeenBuiltWithin;
import static io.podarmor.assertj.error.ShouldHaveFile.shouldHaveFile;
import static io.podarmor.assertj.error.ShouldHaveHealthcheck.shouldHaveHealthcheck;
import static io.podarmor.assertj.error.ShouldHaveLabel.shouldHaveLabel;
import static io.podarmor.assertj.error.ShouldHaveNoAddInstructions.shouldHaveNoAddInstructions;
import static io.podarmor.assertj.error.ShouldHaveNoDuplicateIds.shouldHaveNoDuplicateIds;
import static io.podarmor.assertj.error.ShouldHaveNoEmptyPasswords.shouldHaveNoEmptyPasswords;
import static io.podarmor.assertj.error.ShouldHaveNoLoneUpdateInstructions.shouldHaveNoLoneUpdateInstructions;
import static io.podarmor.assertj.error.ShouldHaveNoPackageManager.shouldHaveNoPackageManager;
import static io.podarmor.assertj.error.ShouldHaveNoPackages.shouldHaveNoPackages;
import static io.podarmor.assertj.error.ShouldHaveNoSecrets.shouldHaveNoSecrets;
import static io.podarmor.assertj.error.ShouldHaveNoShell.shouldHaveNoShell;
import static io.podarmor.assertj.error.ShouldHaveNoSudo.shouldHaveNoSudo;
import static io.podarmor.assertj.error.ShouldHaveNoSuidFiles.shouldHaveNoSuidFiles;
import static io.podarmor.assertj.error.ShouldHaveNoSuidFilesExcept.shouldHaveNoSuidFilesExcept;
import static io.podarmor.assertj.error.ShouldHaveNoWorldWritableFiles.shouldHaveNoWorldWritableFiles;
import static io.podarmor.assertj.error.ShouldHaveOnlyPackagesFrom.shouldHaveOnlyPackagesFrom;
import static io.podarmor.assertj.error.ShouldHaveProperty.shouldHaveProperty;
import static io.podarmor.assertj.error.ShouldHaveSbom.shouldHaveSbom;
import static io.podarmor.assertj.error.ShouldInstallVerifiedPackagesOnly.shouldInstallVerifiedPackagesOnly;
import static io.podarmor.assertj.error.ShouldNotHaveFile.shouldNotHaveFile;
import static io.podarmor.assertj.error.ShouldRunAsGid.shouldRunAsGid;
import static io.podarmor.assertj.error.ShouldRunAsNonRoot.shouldRunAsNonRoot;
import static io.podarmor.assertj.error.ShouldRunAsUid.shouldRunAsUid;
import static io.podarmor.assertj.error.ShouldSatisfyCisDockerSection4.shouldSatisfyCisDockerSection4;
import static io.podarmor.assertj.error.ShouldSatisfyOnEveryPlatform.shouldSatisfyOnEveryPlatform;
import static io.podarmor.assertj.error.ShouldSupportPlatforms.shouldSupportPlatforms;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.check.AccountChecks;
import io.podarmor.internal.check.CisComposition;
import io.podarmor.internal.check.ConfigChecks;
import io.podarmor.internal.check.FileChecks;
import io.podarmor.internal.check.HistoryChecks;
import io.podarmor.internal.check.ImageCheck;
import io.podarmor.internal.check.PackageChecks;
import io.podarmor.internal.check.SecretChecks;
import io.podarmor.internal.check.SupplyChainChecks;
import io.podarmor.internal.check.UserChecks;
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.supplychain.SbomFormat;
import io.podarmor.supplychain.TrustPolicy;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The assertions on a {@link ContainerImage}, for {@link ImageAssert} and for a team's own assertion class: extend it
 * with your own properties the AssertJ way, and each check you add with {@link #satisfiesProperty} reaches the
 * hardening report beside the built-in ones.
 *
 * <pre>{@code
 * public class AcmeImageAssert extends AbstractImageAssert<AcmeImageAssert> {
 *   public AcmeImageAssert(ContainerImage actual) {
 *     super(actual, AcmeImageAssert.class);
 *   }
 *
 *   public AcmeImageAssert exposesNoDebugPort() {
 *     return satisfiesProperty(DEBUG_PORT, "exposesNoDebugPort()", "expose no debug port", "static: image config",
 *         image -> image.config().exposedPorts().contains("5005/tcp") ? List.of("5005/tcp") : List.of());
 *   }
 * }
 * }</pre>
 *
 * <p>Each assertion runs one check on the image's facts (read once per image), hands its {@link Verdict} to the
 * registered {@link io.podarmor.verdict.VerdictListener}s and fails with a message built from it. An image that cannot
 * be read throws the {@link ImageException} that says why; no assertion passes on it. A check that cannot decide
 * fails and says why.
 *
 * @param <SELF> the assertion class itself, for chaining
 */
public abstract class AbstractImageAssert<SELF extends AbstractImageAssert<SELF>>
    extends AbstractAssert<SELF, ContainerImage> {
  /** The soft assertions this instance collects into (set by {@link PodArmorSoftAssertions}), or null. */
  PodArmorSoftAssertions softly;
  private final Map<CisItem, String> waivers = new EnumMap<>(CisItem.class);

  /**
   * An assertion on this image.
   *
   * @param actual the image under test
   * @param selfType the concrete assertion class
   */
  protected AbstractImageAssert(ContainerImage actual, Class<?> selfType) {
    super(actual, selfType);
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
  public SELF runsAsUid(int uid) {
    requireId(uid, "uid");
    return verify(UserChecks.runsAsUid(uid), v -> shouldRunAsUid(actual, uid, v.evidence().get(0)));
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
  public SELF runsAsGid(int gid) {
    requireId(gid, "gid");
    return verify(UserChecks.runsAsGid(gid), v -> shouldRunAsGid(actual, gid, v.evidence().get(0)));
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
  public SELF runsAsNonRoot() {
    return verify(UserChecks.runsAsNonRoot(), v -> shouldRunAsNonRoot(actual, v.evidence().get(0)));
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
  public SELF hasNoSuidFiles() {
    return verify(FileChecks.noSuidFiles(), v -> shouldHaveNoSuidFiles(actual, v.evidence()));
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
  public SELF hasNoSuidFilesExcept(String... paths) {
    Objects.requireNonNull(paths, "paths");
    List<String> allowed = new ArrayList<>();
    for (String path : paths) {
      allowed.add(requireAbsolute(path, "hasNoSuidFilesExcept"));
    }
    if (allowed.isEmpty()) {
      return hasNoSuidFiles();
    }
    List<String> sorted = List.copyOf(new TreeSet<>(allowed));
    return verify(FileChecks.noSuidFilesExcept(allowed),
        v -> shouldHaveNoSuidFilesExcept(actual, sorted, v.evidence()));
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
  public SELF hasNoShell() {
    return verify(FileChecks.noShell(), v -> shouldHaveNoShell(actual, v.evidence()));
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
  public SELF hasNoPackageManager() {
    return verify(FileChecks.noPackageManager(), v -> shouldHaveNoPackageManager(actual, v.evidence()));
  }

  /**
   * Verifies that no regular file or directory outside the trees of {@code /tmp} and {@code /var/tmp} is writable by
   * everyone, but directories with the sticky bit (as {@code /tmp} itself must have), so no user of the container
   * can change what another put there. Symlinks and devices do not count. The failure lists every offender with its
   * mode, owner and layer.
   *
   * <pre>{@code
   * // /tmp drwxrwxrwt, nothing else writable by all
   * assertThat(image).hasNoWorldWritableFiles();  // passes
   * // /srv/data drwxrwxrwx
   * assertThat(image).hasNoWorldWritableFiles();  // fails: drwxrwxrwx 0:0 /srv/data from layer 2 (sha256:…)
   * }</pre>
   *
   * @return {@code this}, to chain more checks
   */
  public SELF hasNoWorldWritableFiles() {
    return verify(FileChecks.noWorldWritableFiles(), v -> shouldHaveNoWorldWritableFiles(actual, v.evidence()));
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
  public SELF hasHealthcheck() {
    return verify(ConfigChecks.hasHealthcheck(), v -> shouldHaveHealthcheck(actual, v.evidence().get(0)));
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
  public SELF hasFile(String path) {
    String normalized = requireAbsolute(path, "hasFile");
    return verify(FileChecks.hasFile(path, normalized), v -> shouldHaveFile(actual, path, v.evidence().get(0)));
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
  public SELF doesNotHaveFile(String path) {
    String normalized = requireAbsolute(path, "doesNotHaveFile");
    return verify(FileChecks.doesNotHaveFile(path, normalized),
        v -> shouldNotHaveFile(actual, path, v.evidence().get(0)));
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
  public SELF hasLabel(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return verify(ConfigChecks.hasLabel(key, value),
        v -> shouldHaveLabel(actual, ConfigChecks.label(key, value), v.evidence().get(0)));
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
  public SELF hasNoPackages(String... names) {
    List<String> denied = packageNames(names, "hasNoPackages");
    return verify(PackageChecks.hasNoPackages(denied), v -> shouldHaveNoPackages(actual, denied, v.evidence()));
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
  public SELF hasOnlyPackagesFrom(Collection<String> allowlist) {
    Objects.requireNonNull(allowlist, "allowlist");
    List<String> allowed = packageNames(allowlist.toArray(new String[0]), "hasOnlyPackagesFrom");
    return verify(PackageChecks.hasOnlyPackagesFrom(allowed),
        v -> shouldHaveOnlyPackagesFrom(actual, allowed, v.evidence()));
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
  public SELF hasOnlyPackagesFrom(String... allowlist) {
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
  public SELF hasNoEmptyPasswords() {
    return verify(AccountChecks.hasNoEmptyPasswords(), v -> shouldHaveNoEmptyPasswords(actual, v.evidence()));
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
  public SELF hasNoDuplicateIds() {
    return verify(AccountChecks.hasNoDuplicateIds(), v -> shouldHaveNoDuplicateIds(actual, v.evidence()));
  }

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
    isNotNull();
    SupplyChainChecks.SbomResult result = SupplyChainChecks.hasSbom(ImageFacts.of(actual), format);
    try {
      decided(result.verdict(), v -> shouldHaveSbom(actual, format.toString(), v.evidence(),
          result.found().routes()));
    } catch (AssertionError e) {
      if (softly == null) {
        throw e;
      }
      // softly: collect it here and go on with a chain whose steps say there is no SBOM (AssertJ's collector
      // could only return null for another assert type)
      softly.collectAssertionError(e);
      return SbomAssert.chained(softly, null, actual, null, format.toString());
    }
    return SbomAssert.chained(softly, result.sbom().orElseThrow(), actual, result.found(), null);
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
  public SELF hasNoSecrets() {
    return verify(SecretChecks.hasNoSecrets(), v -> shouldHaveNoSecrets(actual, v.evidence()));
  }

  // --- CIS Docker Benchmark section 4 ---

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
  public SELF waiving(CisItem item, String reason) {
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
  public SELF wasBuiltWithin(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("wasBuiltWithin expects a positive duration, but got " + maxAge);
    }
    return verify(ConfigChecks.wasBuiltWithin(maxAge),
        v -> shouldHaveBeenBuiltWithin(actual, ConfigChecks.describe(maxAge), v.evidence()));
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
  public SELF hasNoLoneUpdateInstructions() {
    return verify(HistoryChecks.hasNoLoneUpdateInstructions(),
        v -> shouldHaveNoLoneUpdateInstructions(actual, v.evidence()));
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
  public SELF hasNoAddInstructions() {
    return verify(HistoryChecks.hasNoAddInstructions(), v -> shouldHaveNoAddInstructions(actual, v.evidence()));
  }

  /**
   * Verifies that the build installed verified software only (CIS Docker Benchmark 4.11): no {@code RUN} step turns
   * off signature or TLS checks ({@code --allow-unauthenticated}, {@code --allow-insecure-repositories},
   * {@code -o APT::Get::AllowUnauthenticated=true}, {@code [trusted=yes]}, {@code --nogpgcheck}, {@code gpgcheck=0},
   * {@code --no-check-certificate}, {@code pip install --trusted-host}) or pipes a download into a shell
   * ({@code curl … | sh}, {@code wget -O- … | bash}), no apt source in the image is trusted without a signature
   * ({@code [trusted=yes]}, deb822 {@code Trusted: yes}), and apt's configuration in the image (read as apt reads
   * {@code /etc/apt/apt.conf.d/} and {@code apt.conf}) does not allow unauthenticated or insecure repositories, nor
   * does an enabled rpm repository skip signature checks ({@code gpgcheck} off, or unset where dnf's {@code [main]}
   * does not turn it on). A missing or squashed history cannot decide and fails.
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
  public SELF installsVerifiedPackagesOnly() {
    return verify(HistoryChecks.installsVerifiedPackagesOnly(),
        v -> shouldInstallVerifiedPackagesOnly(actual, v.evidence()));
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
  public SELF hasNoSudo() {
    return verify(HistoryChecks.hasNoSudo(), v -> shouldHaveNoSudo(actual, v.evidence()));
  }

  /**
   * Verifies one CIS Docker Benchmark section 4 item that needs no input from you, as
   * {@link #satisfiesCisDockerSection4()} runs it (a waiver of the item applies).
   *
   * <pre>{@code
   * assertThat(image).satisfies(CisItem.CIS_4_8);   // the same as hasNoSuidFiles()
   * assertThat(image).satisfies(CisItem.CIS_4_3);   // IllegalArgumentException: 4.3 needs your package list
   * }</pre>
   *
   * @param item a checked item that needs no input: {@link CisItem#isCheckedWithoutInput()}
   * @return {@code this}, to chain more checks
   * @throws IllegalArgumentException for an item that needs input or that PodArmor does not check
   */
  public SELF satisfies(CisItem item) {
    Objects.requireNonNull(item, "item");
    if (!item.isCheckedWithoutInput()) {
      throw new IllegalArgumentException("CIS " + item.id() + " (" + item.title() + ") " + item.howChecked());
    }
    return verify(item.check(), v -> item.failure(actual, v));
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
  public SELF satisfiesCisDockerSection4() {
    isNotNull();
    Map<String, String> reasons = new java.util.HashMap<>();
    waivers.forEach((item, reason) -> reasons.put(item.id(), reason));
    CisComposition.Result result = CisComposition.satisfies(ImageFacts.of(actual), CisItem.composition(), reasons);
    result.items().forEach(Verdicts::record);
    return decided(result.composed(), v -> shouldSatisfyCisDockerSection4(actual, v.evidence()));
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
  public SELF supportsPlatforms(String... platforms) {
    List<Platform> wanted = parsePlatforms(platforms);
    List<String> asWritten = wanted.stream().map(Platform::toString).collect(Collectors.toList());
    return verify(SupplyChainChecks.supportsPlatforms(wanted),
        v -> shouldSupportPlatforms(actual, asWritten, v.evidence()));
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
  public SELF onEveryPlatform(Consumer<ImageAssert> assertions) {
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
  public SELF isSigned() {
    isNotNull();
    return verify(SupplyChainChecks.isSigned(), v -> shouldBeSigned(actual, v.expectation(), v.evidence()));
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
  public SELF isSignedBy(TrustPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return verify(SupplyChainChecks.isSignedBy(policy), v -> shouldBeSigned(actual, v.expectation(), v.evidence()));
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
  public SELF isSignedOnEveryPlatform() {
    isNotNull();
    return verify(SupplyChainChecks.isSignedOnEveryPlatform(),
        v -> shouldBeSignedOnEveryPlatform(actual, v.expectation(), v.evidence()));
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
  public SELF isSignedOnEveryPlatformBy(TrustPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return verify(SupplyChainChecks.isSignedOnEveryPlatformBy(policy),
        v -> shouldBeSignedOnEveryPlatform(actual, v.expectation(), v.evidence()));
  }

  // --- your own properties ---

  /**
   * Verifies a property of your own: {@code offenders} lists what contradicts it (nothing: it holds). Its verdict
   * reaches the registered listeners, and so the hardening report, under {@code property}; a failure reads like the
   * built-in ones.
   *
   * <pre>{@code
   * return satisfiesProperty(Property.of("no-debug-port", "No debug port", "Port 5005 is not exposed"),
   *     "exposesNoDebugPort()", "expose no debug port", "static: image config",
   *     image -> image.config().exposedPorts().contains("5005/tcp") ? List.of("5005/tcp") : List.of());
   * // fails: Expecting image: … to expose no debug port but found: 5005/tcp
   * }</pre>
   *
   * @param property    the property the report shows it under
   * @param assertion   the assertion as your users write it, e.g. {@code exposesNoDebugPort()}
   * @param expectation what it expects, as the failure says it after "to"
   * @param method      how it checks, e.g. {@code static: image config}
   * @param offenders   what contradicts the property in the image, one line each
   * @return {@code this}, to chain more checks
   */
  protected SELF satisfiesProperty(Property property, String assertion, String expectation, String method,
      Function<ContainerImage, List<String>> offenders) {
    isNotNull();
    List<String> found = offenders.apply(actual);
    Outcome outcome = found.isEmpty() ? Outcome.PASSED : Outcome.FAILED;
    return decided(new Verdict(actual.reference(), actual.digest(), property, "", assertion, outcome, expectation,
        found, method), v -> shouldHaveProperty(actual, v.expectation(), v.evidence()));
  }

  /**
   * Records a verdict your own check reached, and fails when it failed (with its evidence) or could not decide.
   *
   * @param verdict what your check decided about this image
   * @return {@code this}, to chain more checks
   */
  protected SELF verdict(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return decided(verdict, v -> shouldHaveProperty(actual, v.expectation(), v.evidence()));
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Runs a check (or records its waiver), then passes or fails on its verdict. */
  private SELF verify(ImageCheck check, Function<Verdict, ErrorMessageFactory> failure) {
    isNotNull();
    String reason = check.check().cisItem().isEmpty() ? null : waivers.get(CisItem.byId(check.check().cisItem()));
    Verdict verdict;
    try {
      verdict = reason != null ? check.check().waived(actual, reason) : check.run(ImageFacts.of(actual));
    } catch (ImageException unreadable) {
      // the report shows the image and why it could not be read; the exception says it to the test
      Verdicts.record(check.check().cannotDecide(actual, List.of(unreadable.getMessage())));
      throw unreadable;
    }
    return decided(verdict, failure);
  }

  /** Hands the verdict to the listeners and fails when it failed or could not decide. */
  private SELF decided(Verdict verdict, Function<Verdict, ErrorMessageFactory> failure) {
    Verdicts.record(verdict);
    if (verdict.outcome() == Outcome.FAILED) {
      throwAssertionError(failure.apply(verdict));
    } else if (verdict.outcome() == Outcome.CANNOT_DECIDE) {
      throwAssertionError(cannotDecide(actual, verdict.expectation(), verdict.evidence()));
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
