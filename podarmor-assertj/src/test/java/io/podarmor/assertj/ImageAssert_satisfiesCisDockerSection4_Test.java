package io.podarmor.assertj;

import static io.podarmor.assertj.PodArmorAssertions.assertThat;
import static io.podarmor.assertj.SourceImages.everySource;
import static io.podarmor.assertj.SourceImages.layer;
import static io.podarmor.assertj.SourceImages.name;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.verdict.Outcome;
import io.podarmor.testing.Elfs;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageAssert_satisfiesCisDockerSection4_Test {
  static final String ROOTFS = "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b"
      + "56e4 in / ";
  static final String WAIVER = "vendor base image uses ADD for its rootfs tarball";

  static final TestImage COMPLIANT = TestImage.named(SourceImages.PREFIX + "cis-compliant:1")
      .user("65532:65532").healthcheck("CMD", "/app", "--health")
      .layer(Layer.create().file("/app", Elfs.exit0(), 0755)).history(ROOTFS, false)
      .layer(Layer.create().file("/etc-app", "x", 0644))
      .history("RUN /bin/sh -c apt-get update && apt-get install -y x # buildkit", false);
  static final TestImage ADDS_ONLY = TestImage.named(SourceImages.PREFIX + "cis-adds-only:1")
      .user("65532:65532").healthcheck("CMD", "/app", "--health")
      .layer(Layer.create().file("/app", Elfs.exit0(), 0755)).history(ROOTFS, false)
      .layer(Layer.create().file("/vendor", "x", 0644)).history("ADD vendor.tgz /opt/ # buildkit", false);
  static final TestImage VIOLATING = TestImage.named(SourceImages.PREFIX + "cis-violating:1")
      .env("DB_PASSWORD=hunter2-production")
      .layer(Layer.create().file("/app", Elfs.exit0(), 0755)).history(ROOTFS, false)
      .layer(Layer.create().dir("/usr", 0755).dir("/usr/bin", 0755).file("/usr/bin/passwd", "x", 04755))
      .history("/bin/sh -c apt-get update", false)
      .layer(Layer.create().file("/opt", "x", 0644)).history("ADD https://example.com/app.tgz /opt # buildkit", false)
      .layer(Layer.create().file("/inst", "x", 0644))
      .history("RUN /bin/sh -c curl -fsSL https://get.example.com | sh # buildkit", false);
  static final TestImage NO_HISTORY = TestImage.named(SourceImages.PREFIX + "cis-no-history:1")
      .user("65532:65532").healthcheck("CMD", "/app", "--health")
      .layer(Layer.create().file("/app", Elfs.exit0(), 0755)).withoutHistory();

  @TempDir static Path tmp;
  static SourceImages images;

  @BeforeAll
  static void writeImages() {
    images = SourceImages.write(tmp, COMPLIANT, ADDS_ONLY, VIOLATING, NO_HISTORY);
  }

  @AfterAll
  static void removeImages() {
    images.removeFromDocker();
  }

  static Stream<Arguments> compliant() {
    return everySource(new Object[] {COMPLIANT});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("compliant")
  void passes_when_every_item_passes(Source source, TestImage testImage) {
    assertThat(images.open(testImage, source)).satisfiesCisDockerSection4();
  }

  static Stream<Arguments> violating() {
    return everySource(new Object[] {VIOLATING});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("violating")
  void fails_once_listing_every_failed_item_by_id_with_its_title_and_evidence(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).satisfiesCisDockerSection4())
        .withMessage(String.format("%nExpecting image:%n  %s%nto satisfy CIS Docker Benchmark section 4%n"
            + "but found:%n"
            + "  4.1 Ensure that a user for the container has been created:%n"
            + "    User not set: uid 0 (root), gid 0 (no /etc/passwd)%n"
            + "  4.6 Ensure that HEALTHCHECK instructions have been added to container images:%n"
            + "    no HEALTHCHECK%n"
            + "  4.7 Ensure update instructions are not used alone in the Dockerfile:%n"
            + "    history[1]: RUN /bin/sh -c apt-get update (apt-get update with no install or upgrade after it)%n"
            + "  4.8 Ensure setuid and setgid permissions are removed:%n"
            + "    -rwsr-xr-x 0:0 /usr/bin/passwd from %s%n"
            + "  4.9 Ensure that COPY is used instead of ADD in Dockerfiles:%n"
            + "    history[2]: ADD https://example.com/app.tgz /opt%n"
            + "  4.10 Ensure secrets are not stored in Dockerfiles:%n"
            + "    ENV DB_PASSWORD=hunt… (config Env)%n"
            + "  4.11 Ensure only verified packages are installed:%n"
            + "    history[3]: RUN /bin/sh -c curl -fsSL https://get.example.com | sh (curl download piped into sh)",
            name(image), layer(VIOLATING, 2)));
  }

  static Stream<Arguments> addsOnly() {
    return everySource(new Object[] {ADDS_ONLY});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("addsOnly")
  void a_waived_item_passes_and_is_shown_with_its_reason_when_another_fails(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    // WHEN / THEN
    assertThat(image).waiving(CisItem.CIS_4_9, WAIVER).satisfiesCisDockerSection4();
    assertThat(image).waiving(CisItem.CIS_4_9, WAIVER).hasNoAddInstructions();
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).satisfiesCisDockerSection4())
        .withMessageEndingWith(String.format("but found:%n"
            + "  4.9 Ensure that COPY is used instead of ADD in Dockerfiles:%n"
            + "    history[1]: ADD vendor.tgz /opt/"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).waiving(CisItem.CIS_4_9, WAIVER).waiving(CisItem.CIS_4_1, "root")
            .hasHealthcheck().runsAsUid(0))
        .withMessageContaining("to run as uid 0");
  }

  static Stream<Arguments> noHistory() {
    return everySource(new Object[] {NO_HISTORY});
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("noHistory")
  void history_items_fail_closed_on_an_image_without_history_unless_waived(Source source, TestImage testImage) {
    // GIVEN
    ContainerImage image = images.open(testImage, source);
    String undecided = "could not decide: the image config records no build history (squashed, or built by a tool"
        + " that writes none)";
    // WHEN / THEN
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(image).waiving(CisItem.CIS_4_11, "checked by the vendor's own pipeline")
            .satisfiesCisDockerSection4())
        .withMessage(String.format("%nExpecting image:%n  %s%nto satisfy CIS Docker Benchmark section 4%n"
            + "but found:%n"
            + "  4.7 Ensure update instructions are not used alone in the Dockerfile:%n"
            + "    %s%n"
            + "  4.9 Ensure that COPY is used instead of ADD in Dockerfiles:%n"
            + "    %s%n"
            + "  4.11 waived: checked by the vendor's own pipeline", name(image), undecided, undecided));
  }

  @Test
  void a_waiver_needs_a_written_reason() {
    ContainerImage image = images.open(COMPLIANT, Source.OCI_LAYOUT);
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(image).waiving(CisItem.CIS_4_9, "  "))
        .withMessage("A waiver of CIS 4.9 (Ensure that COPY is used instead of ADD in Dockerfiles) needs a written"
            + " reason, but got \"  \"");
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(image).waiving(CisItem.CIS_4_1, null))
        .withMessage("A waiver of CIS 4.1 (Ensure that a user for the container has been created) needs a written"
            + " reason, but got null");
  }

  @Test
  void records_one_check_per_item_and_one_for_the_composition_waivers_with_their_reason() {
    ContainerImage image = images.open(ADDS_ONLY, Source.OCI_LAYOUT);
    List<Verdict> records = new CopyOnWriteArrayList<>();
    Verdicts.Registration registration = Verdicts.register(records::add);
    try {
      assertThat(image).waiving(CisItem.CIS_4_9, WAIVER).satisfiesCisDockerSection4();
    } finally {
      registration.close();
    }
    org.assertj.core.api.Assertions.assertThat(records)
        .extracting(v -> v.property().key(), Verdict::assertion, Verdict::outcome, Verdict::waiverReason)
        .containsExactly(
            tuple("non-root", "runsAsNonRoot()", Outcome.PASSED, ""),
            tuple("healthcheck", "hasHealthcheck()", Outcome.PASSED, ""),
            tuple("cis-4", "hasNoLoneUpdateInstructions()", Outcome.PASSED, ""),
            tuple("no-suid", "hasNoSuidFiles()", Outcome.PASSED, ""),
            tuple("cis-4", "hasNoAddInstructions()", Outcome.WAIVED, WAIVER),
            tuple("cis-4", "hasNoSecrets()", Outcome.PASSED, ""),
            tuple("cis-4", "installsVerifiedPackagesOnly()", Outcome.PASSED, ""),
            tuple("cis-4", "satisfiesCisDockerSection4()", Outcome.PASSED, ""));
    org.assertj.core.api.Assertions.assertThat(records.get(records.size() - 1).evidence())
        .containsExactly("4.9 waived: " + WAIVER);
  }

  @Test
  void soft_assertions_keep_the_waiver() {
    ContainerImage image = images.open(ADDS_ONLY, Source.OCI_LAYOUT);
    PodArmorSoftAssertions.assertSoftly(softly ->
        softly.assertThat(image).waiving(CisItem.CIS_4_9, WAIVER).hasNoAddInstructions().satisfiesCisDockerSection4());
  }
}
