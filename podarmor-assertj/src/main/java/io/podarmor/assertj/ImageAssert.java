package io.podarmor.assertj;

import io.podarmor.internal.record.Checks;
import io.podarmor.internal.record.Properties;
import java.util.function.Supplier;
import static io.podarmor.assertj.error.CannotDecide.cannotDecide;
import static io.podarmor.assertj.error.ShouldBeSigned.shouldBeSigned;
import static io.podarmor.assertj.error.ShouldBeSignedOnEveryPlatform.shouldBeSignedOnEveryPlatform;
import static io.podarmor.assertj.error.ShouldHaveFile.shouldHaveFile;
import static io.podarmor.assertj.error.ShouldHaveHealthcheck.shouldHaveHealthcheck;
import static io.podarmor.assertj.error.ShouldHaveLabel.shouldHaveLabel;
import static io.podarmor.assertj.error.ShouldHaveNoPackageManager.shouldHaveNoPackageManager;
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
import io.podarmor.internal.fs.ImagePaths;
import io.podarmor.internal.inspect.Evidence;
import io.podarmor.internal.inspect.PackageManagerFinder;
import io.podarmor.internal.inspect.ShellFinder;
import io.podarmor.internal.inspect.SuidFinder;
import io.podarmor.internal.inspect.UserResolution;
import io.podarmor.internal.inspect.UserResolver;
import io.podarmor.internal.signature.SignatureCheck;
import io.podarmor.internal.signature.SignatureVerifier;
import io.podarmor.internal.signature.TrustSettings;
import io.podarmor.supplychain.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

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
    for (io.podarmor.image.Platform platform : actual.platforms()) {
      ContainerImage image = actual.forPlatform(platform);
      SignatureCheck check = SignatureVerifier.check(image, policy, trustedRoot);
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
