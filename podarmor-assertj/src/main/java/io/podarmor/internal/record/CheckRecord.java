package io.podarmor.internal.record;

import java.util.List;
import java.util.Objects;

/**
 * One property check as it happened: which image, which property, which assertion, how it ended, how it was
 * verified, and the evidence (the offending items of a failure, or what a pass rests on).
 */
public final class CheckRecord {
  private final String imageReference;
  private final String imageDigest;
  private final String property;
  private final String assertion;
  private final Outcome outcome;
  private final String method;
  private final List<String> evidence;
  private final String waiverReason;

  public CheckRecord(String imageReference, String imageDigest, String property, String assertion, Outcome outcome,
      String method, List<String> evidence, String waiverReason) {
    this.imageReference = Objects.requireNonNull(imageReference);
    this.imageDigest = Objects.requireNonNull(imageDigest);
    this.property = Objects.requireNonNull(property);
    this.assertion = Objects.requireNonNull(assertion);
    this.outcome = Objects.requireNonNull(outcome);
    this.method = method == null ? "" : method;
    this.evidence = evidence == null ? List.of() : List.copyOf(evidence);
    this.waiverReason = waiverReason;
  }

  public String imageReference() {
    return imageReference;
  }

  public String imageDigest() {
    return imageDigest;
  }

  /** A {@link Properties} key, e.g. {@code no-suid}. */
  public String property() {
    return property;
  }

  /** The assertion as written, e.g. {@code hasNoSuidFiles()} or {@code runsAsUid(65532)}. */
  public String assertion() {
    return assertion;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** How the property was verified, e.g. "static: merged filesystem of 3 layers". */
  public String method() {
    return method;
  }

  public List<String> evidence() {
    return evidence;
  }

  /** The written reason of a waiver, or {@code null}. */
  public String waiverReason() {
    return waiverReason;
  }

  @Override
  public String toString() {
    return outcome + " " + assertion + " on " + imageReference + "@" + imageDigest;
  }
}
