package io.podarmor.verdict;

import java.util.List;
import java.util.Objects;

/**
 * What one check decided about one image: the property and, for a CIS Docker Benchmark item, its id; the outcome;
 * the evidence, one line per offending item (or what a pass rests on, or why it could not decide); and how it was
 * checked. Assertions build their failure messages from it and the hardening report reads it; neither parses text.
 *
 * <pre>{@code
 * // assertThat(image).hasNoSuidFiles() on a Debian image
 * verdict.outcome();    // FAILED
 * verdict.evidence();   // [-rwsr-xr-x 0:0 /usr/bin/passwd from layer 1 (sha256:0123456789ab), ...]
 * }</pre>
 *
 * @param image         the image as it was named, e.g. {@code acme/api:1.4.2}
 * @param digest        the image's manifest digest
 * @param property      the property decided
 * @param cisItem       the CIS Docker Benchmark item id, e.g. {@code 4.8}; {@link #CIS_SECTION_4} for the verdict on
 *                      section 4 as a whole; {@code ""} for a check that is no CIS item
 * @param assertion     the check as written, e.g. {@code hasNoSuidFiles()} or {@code runsAsUid(65532)}
 * @param outcome       how it ended
 * @param expectation   what was expected, as the failure says it after "to", e.g. {@code run as uid 65532}
 * @param evidence      the lines that support the outcome; for a waiver, its reason
 * @param method        how it was checked, e.g. {@code static: merged filesystem of every layer}
 */
public record Verdict(String image, String digest, Property property, String cisItem, String assertion,
    Outcome outcome, String expectation, List<String> evidence, String method) {

  /** The {@link #cisItem} of the verdict on CIS Docker Benchmark section 4 as a whole. */
  public static final String CIS_SECTION_4 = "4";

  /** Makes the record; no component may be null. */
  public Verdict {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(cisItem, "cisItem");
    Objects.requireNonNull(assertion, "assertion");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(expectation, "expectation");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(method, "method");
  }

  /** True for a failure or a check that could not decide: an assertion with this verdict fails. */
  public boolean fails() {
    return outcome == Outcome.FAILED || outcome == Outcome.CANNOT_DECIDE;
  }

  /** The written reason of a waiver, or {@code ""}. */
  public String waiverReason() {
    return outcome == Outcome.WAIVED && !evidence.isEmpty() ? evidence.get(0) : "";
  }

  /** This verdict as waived with {@code reason}: the check was not run. */
  public Verdict waived(String reason) {
    return new Verdict(image, digest, property, cisItem, assertion, Outcome.WAIVED, expectation, List.of(reason),
        method);
  }

  /** This verdict under another property or CIS item, e.g. a static check counted for CIS §4 too. */
  public Verdict as(Property otherProperty, String otherCisItem) {
    return new Verdict(image, digest, otherProperty, otherCisItem, assertion, outcome, expectation, evidence, method);
  }

  /** {@code FAILED hasNoSuidFiles() on acme/api:1.4.2@sha256:…}. */
  @Override
  public String toString() {
    return outcome + " " + assertion + " on " + image + "@" + digest;
  }
}
