package io.podarmor.assertj;

import static io.podarmor.assertj.error.ShouldHaveHealthcheck.shouldHaveHealthcheck;
import static io.podarmor.assertj.error.ShouldHaveNoAddInstructions.shouldHaveNoAddInstructions;
import static io.podarmor.assertj.error.ShouldHaveNoLoneUpdateInstructions.shouldHaveNoLoneUpdateInstructions;
import static io.podarmor.assertj.error.ShouldHaveNoSecrets.shouldHaveNoSecrets;
import static io.podarmor.assertj.error.ShouldHaveNoSuidFiles.shouldHaveNoSuidFiles;
import static io.podarmor.assertj.error.ShouldInstallVerifiedPackagesOnly.shouldInstallVerifiedPackagesOnly;
import static io.podarmor.assertj.error.ShouldRunAsNonRoot.shouldRunAsNonRoot;

import io.podarmor.image.ContainerImage;
import io.podarmor.internal.check.CisComposition;
import io.podarmor.internal.check.ConfigChecks;
import io.podarmor.internal.check.FileChecks;
import io.podarmor.internal.check.HistoryChecks;
import io.podarmor.internal.check.ImageCheck;
import io.podarmor.internal.check.SecretChecks;
import io.podarmor.internal.check.UserChecks;
import io.podarmor.verdict.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The image-level items of the CIS Docker Benchmark, section 4 ("Container Images and Build File"): PodArmor's one
 * table of them, with each item's id, title and how PodArmor checks it. {@code satisfiesCisDockerSection4()} runs the
 * items that need no input, the JUnit contract has a test per checked item, and the report counts waivers by item.
 *
 * <pre>{@code
 * assertThat(image)
 *     .waiving(CisItem.CIS_4_9, "vendor base image uses ADD for its rootfs tarball")
 *     .satisfiesCisDockerSection4();
 * }</pre>
 */
public enum CisItem {
  /** CIS 4.1: Ensure that a user for the container has been created. */
  CIS_4_1("Ensure that a user for the container has been created", "a user for the container has been created",
      "runsAsNonRoot()", UserChecks.runsAsNonRoot(), (image, v) -> shouldRunAsNonRoot(image, v.evidence().get(0))),
  /** CIS 4.2: Ensure that containers use only trusted base images. */
  CIS_4_2("Ensure that containers use only trusted base images", "", "", null, null),
  /** CIS 4.3: Ensure that unnecessary packages are not installed in the container. */
  CIS_4_3("Ensure that unnecessary packages are not installed in the container", "unnecessary packages not installed",
      "hasNoPackages(names…) or hasOnlyPackagesFrom(allowlist)", null, null),
  /** CIS 4.4: Ensure images are scanned and rebuilt to include security patches. */
  CIS_4_4("Ensure images are scanned and rebuilt to include security patches",
      "image rebuilt within the maximum age", "wasBuiltWithin(maxAge)", null, null),
  /** CIS 4.5: Ensure Content trust for Docker is Enabled. */
  CIS_4_5("Ensure Content trust for Docker is Enabled", "", "", null, null),
  /** CIS 4.6: Ensure that HEALTHCHECK instructions have been added to container images. */
  CIS_4_6("Ensure that HEALTHCHECK instructions have been added to container images",
      "HEALTHCHECK instruction added", "hasHealthcheck()", ConfigChecks.hasHealthcheck(),
      (image, v) -> shouldHaveHealthcheck(image, v.evidence().get(0))),
  /** CIS 4.7: Ensure update instructions are not used alone in the Dockerfile. */
  CIS_4_7("Ensure update instructions are not used alone in the Dockerfile", "update instructions not used alone",
      "hasNoLoneUpdateInstructions()", HistoryChecks.hasNoLoneUpdateInstructions(),
      (image, v) -> shouldHaveNoLoneUpdateInstructions(image, v.evidence())),
  /** CIS 4.8: Ensure setuid and setgid permissions are removed. */
  CIS_4_8("Ensure setuid and setgid permissions are removed", "setuid and setgid permissions removed",
      "hasNoSuidFiles()", FileChecks.noSuidFiles(), (image, v) -> shouldHaveNoSuidFiles(image, v.evidence())),
  /** CIS 4.9: Ensure that COPY is used instead of ADD in Dockerfiles. */
  CIS_4_9("Ensure that COPY is used instead of ADD in Dockerfiles", "COPY used instead of ADD",
      "hasNoAddInstructions()", HistoryChecks.hasNoAddInstructions(),
      (image, v) -> shouldHaveNoAddInstructions(image, v.evidence())),
  /** CIS 4.10: Ensure secrets are not stored in Dockerfiles. */
  CIS_4_10("Ensure secrets are not stored in Dockerfiles", "secrets not stored in the image", "hasNoSecrets()",
      SecretChecks.hasNoSecrets(), (image, v) -> shouldHaveNoSecrets(image, v.evidence())),
  /** CIS 4.11: Ensure only verified packages are installed. */
  CIS_4_11("Ensure only verified packages are installed", "only verified packages installed",
      "installsVerifiedPackagesOnly()", HistoryChecks.installsVerifiedPackagesOnly(),
      (image, v) -> shouldInstallVerifiedPackagesOnly(image, v.evidence()));

  private final String title;
  private final String shortTitle;
  private final String assertion;
  private final ImageCheck check;
  private final BiFunction<ContainerImage, Verdict, ErrorMessageFactory> failure;

  CisItem(String title, String shortTitle, String assertion, ImageCheck check,
      BiFunction<ContainerImage, Verdict, ErrorMessageFactory> failure) {
    this.title = title;
    this.shortTitle = shortTitle;
    this.assertion = assertion;
    this.check = check;
    this.failure = failure;
  }

  /** The benchmark's id, e.g. {@code 4.9} (from the constant's name). */
  public String id() {
    return name().substring("CIS_".length()).replace('_', '.');
  }

  /** The benchmark's title, e.g. {@code Ensure that COPY is used instead of ADD in Dockerfiles}. */
  public String title() {
    return title;
  }

  /** What holds when the item passes, e.g. {@code COPY used instead of ADD}; empty for an item PodArmor does not check. */
  public String shortTitle() {
    return shortTitle;
  }

  /** The assertion that checks it, e.g. {@code hasNoAddInstructions()}; empty for an item PodArmor does not check. */
  public String assertion() {
    return assertion;
  }

  /** True when PodArmor checks the item, with or without input from you. */
  public boolean isChecked() {
    return !assertion.isEmpty();
  }

  /** True when PodArmor checks the item without input (it is part of {@code satisfiesCisDockerSection4()}). */
  public boolean isCheckedWithoutInput() {
    return check != null;
  }

  /** How PodArmor checks the item, for messages: {@code is checked by hasNoAddInstructions()}, or why it is not. */
  public String howChecked() {
    if (isCheckedWithoutInput()) {
      return "is checked by " + assertion;
    }
    return isChecked() ? "needs your input: use " + assertion
        : "is a practice of the build pipeline and the engine, which an image cannot show";
  }

  /** The item with this id, e.g. {@code 4.9}. */
  public static CisItem byId(String id) {
    return Arrays.stream(values()).filter(i -> i.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No CIS Docker Benchmark section 4 item " + id));
  }

  /** {@code 4.9 Ensure that COPY is used instead of ADD in Dockerfiles}. */
  @Override
  public String toString() {
    return id() + " " + title;
  }

  ImageCheck check() {
    return check;
  }

  ErrorMessageFactory failure(ContainerImage image, Verdict verdict) {
    return failure.apply(image, verdict);
  }

  /** The items {@code satisfiesCisDockerSection4()} runs, in id order. */
  static List<CisComposition.Item> composition() {
    return Arrays.stream(values()).filter(CisItem::isCheckedWithoutInput)
        .map(i -> new CisComposition.Item(i.id(), i.title, i.check)).collect(Collectors.toList());
  }
}
