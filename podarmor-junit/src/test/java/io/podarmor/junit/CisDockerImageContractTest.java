package io.podarmor.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.podarmor.assertj.CisItem;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import io.podarmor.testing.Elfs;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The CIS contract against images loaded into the engine: display names, waivers, configuration errors. */
class CisDockerImageContractTest {
  static final String ROOTFS = "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b"
      + "56e4 in / ";
  static final String COMPLIANT = "podarmor-test/cis-contract-compliant:1";
  static final String VENDOR = "podarmor-test/cis-contract-vendor:1";
  static final String STATUS_D = "/var/lib/dpkg/status.d/base-files";
  static final String BASE_FILES = "Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u5\n"
      + "Architecture: amd64\n";
  static final String WAIVER = "vendor base image uses ADD for its rootfs tarball";
  /** Yesterday, to the day: images stay within any sensible maximum age whenever the tests run. */
  static final String RECENT = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).toString();
  static final List<TestImage> IMAGES = List.of(
      TestImage.named(COMPLIANT).user("65532:65532").healthcheck("CMD", "/app", "--health").created(RECENT)
          .layer(Layer.create().file("/app", Elfs.exit0(), 0755).file(STATUS_D, BASE_FILES, 0644))
          .history(ROOTFS, false)
          .layer(Layer.create().file("/data", "x", 0644)).history("COPY data /data # buildkit", false),
      TestImage.named(VENDOR).user("65532:65532").created(RECENT)
          .layer(Layer.create().file("/app", Elfs.exit0(), 0755).file(STATUS_D, BASE_FILES, 0644)
              .file(STATUS_D.replace("base-files", "curl"), BASE_FILES.replace("base-files", "curl"), 0644)).history(ROOTFS, false)
          .layer(Layer.create().file("/vendor", "x", 0644)).history("ADD vendor.tgz /opt/ # buildkit", false));

  @BeforeAll
  static void loadImages() {
    IMAGES.forEach(TestImage::loadIntoDocker);
  }

  @AfterAll
  static void removeImages() {
    IMAGES.forEach(TestImage::removeFromDocker);
  }

  @ImageUnderTest(COMPLIANT)
  static class CompliantTestCase implements CisDockerImageContract {}

  @Test
  void aCompliantImagePassesOneTestPerCisIdEachNamedByIt() {
    EngineExecutionResults results = Kit.run(CompliantTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(9).succeeded(9));
    results.testEvents().succeeded().assertThatEvents()
        .haveExactly(1, event(test("cis_4_1_runsAsNonRoot"),
            displayName("CIS 4.1 — a user for the container has been created")))
        .haveExactly(1, event(test("cis_4_3_hasNoUnnecessaryPackages"),
            displayName("CIS 4.3 — unnecessary packages not installed")))
        .haveExactly(1, event(test("cis_4_4_wasBuiltWithin"),
            displayName("CIS 4.4 — image rebuilt within the maximum age")))
        .haveExactly(1, event(test("cis_4_6_hasHealthcheck"), displayName("CIS 4.6 — HEALTHCHECK instruction added")))
        .haveExactly(1, event(test("cis_4_7_hasNoLoneUpdateInstructions"),
            displayName("CIS 4.7 — update instructions not used alone")))
        .haveExactly(1, event(test("cis_4_8_hasNoSuidFiles"),
            displayName("CIS 4.8 — setuid and setgid permissions removed")))
        .haveExactly(1, event(test("cis_4_9_hasNoAddInstructions"), displayName("CIS 4.9 — COPY used instead of ADD")))
        .haveExactly(1, event(test("cis_4_10_hasNoSecrets"), displayName("CIS 4.10 — secrets not stored in the image")))
        .haveExactly(1, event(test("cis_4_11_installsVerifiedPackagesOnly"),
            displayName("CIS 4.11 — only verified packages installed")));
  }

  @ImageUnderTest(VENDOR)
  @CisWaiver(item = CisItem.CIS_4_9, reason = WAIVER)
  @CisWaiver(item = CisItem.CIS_4_6, reason = "the orchestrator probes /healthz")
  @CisWaiver(item = CisItem.CIS_4_3, reason = "curl is the vendor's health probe")
  static class WaivedTestCase implements CisDockerImageContract {}

  @Test
  void waivedItemsPassAndAreRecordedWithTheirReason() {
    List<Verdict> records = new CopyOnWriteArrayList<>();
    try (Verdicts.Registration registration = Verdicts.register(records::add)) {
      EngineExecutionResults results = Kit.run(WaivedTestCase.class);
      results.testEvents().assertStatistics(s -> s.started(9).succeeded(9));
    }
    assertThat(records).filteredOn(r -> r.outcome() == Outcome.WAIVED)
        .extracting(r -> r.property().key(), Verdict::assertion, Verdict::waiverReason)
        .containsExactlyInAnyOrder(
            tuple("healthcheck", "hasHealthcheck()", "the orchestrator probes /healthz"),
            tuple("cis-4", "hasNoAddInstructions()", WAIVER),
            tuple("cis-4", "hasNoPackages(" + String.join(", ", new java.util.TreeSet<>(
                CisDockerImageContract.DEFAULT_UNNECESSARY_PACKAGES)) + ")", "curl is the vendor's health probe"));
  }

  @ImageUnderTest(VENDOR)
  static class UnwaivedTestCase implements CisDockerImageContract {}

  @Test
  void withoutTheWaiversThoseItemsFailWithTheirEvidence() {
    EngineExecutionResults results = Kit.run(UnwaivedTestCase.class);

    results.testEvents().assertStatistics(s -> s.started(9).succeeded(6).failed(3));
    results.testEvents().failed().assertThatEvents()
        .haveExactly(1, event(test("cis_4_6_hasHealthcheck"), finishedWithFailure(instanceOf(AssertionError.class),
            message(m -> m.endsWith("to have a HEALTHCHECK\nbut found:\n  no HEALTHCHECK")))))
        .haveExactly(1, event(test("cis_4_3_hasNoUnnecessaryPackages"),
            finishedWithFailure(instanceOf(AssertionError.class),
                message(m -> m.endsWith("but found:\n  curl 12.4+deb12u5 amd64 (dpkg /var/lib/dpkg/status.d/curl)")))))
        .haveExactly(1, event(test("cis_4_9_hasNoAddInstructions"),
            finishedWithFailure(instanceOf(AssertionError.class),
                message(m -> m.endsWith("to use COPY instead of ADD (CIS 4.9)\nbut found:\n"
                    + "  history[1]: ADD vendor.tgz /opt/")))));
  }

  @ImageUnderTest(VENDOR)
  @CisWaiver(item = CisItem.CIS_4_9, reason = " ")
  static class BlankReasonTestCase implements CisDockerImageContract {}

  @Test
  void aWaiverWithABlankReasonFailsItsItemsTestWithAConfigurationError() {
    EngineExecutionResults results = Kit.run(BlankReasonTestCase.class);

    results.testEvents().failed().assertThatEvents()
        .haveExactly(1, event(test("cis_4_3_hasNoUnnecessaryPackages"),
            finishedWithFailure(instanceOf(AssertionError.class),
                message(m -> m.endsWith("but found:\n  curl 12.4+deb12u5 amd64 (dpkg /var/lib/dpkg/status.d/curl)")))))
        .haveExactly(1, event(test("cis_4_9_hasNoAddInstructions"),
            finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                message("@CisWaiver(item = CIS_4_9) on " + BlankReasonTestCase.class.getName() + " has a blank"
                    + " reason: a waiver of CIS 4.9 needs a written reason, e.g. @CisWaiver(item = CIS_4_9, reason ="
                    + " \"why it is acceptable\")"))));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("cis_4_1_runsAsNonRoot"), finishedSuccessfully()));
  }

  @ImageUnderTest(COMPLIANT)
  static class StrictAgeTestCase implements CisDockerImageContract {
    @Override
    public Duration maxImageAge() {
      return Duration.ofHours(1);
    }
  }

  @Test
  void theMaximumAgeIsOverridable() {
    EngineExecutionResults results = Kit.run(StrictAgeTestCase.class);

    long days = Duration.between(Instant.parse(RECENT), Instant.now()).toDays();
    results.testEvents().failed().assertThatEvents()
        .haveExactly(1, event(test("cis_4_4_wasBuiltWithin"), finishedWithFailure(instanceOf(AssertionError.class),
            message(m -> m.endsWith("to have been built within 1 hour (CIS 4.4)\nbut found:\n  created " + RECENT
                + ", " + days + " days ago")))));
  }
}
