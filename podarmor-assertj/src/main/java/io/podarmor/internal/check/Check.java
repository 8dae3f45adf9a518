package io.podarmor.internal.check;

import io.podarmor.image.ContainerImage;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a check is, before it runs: the property it decides (and its CIS item), the assertion as written, what it
 * expects (as a failure says it after "to") and how it checks. Running it ends in one of its verdicts.
 *
 * <pre>{@code
 * Check check = Check.of(Property.NO_SUID, "hasNoSuidFiles()", "have no setuid or setgid files",
 *     "static: merged filesystem of every layer").cis("4.8");
 * return found.isEmpty() ? check.passed(image, List.of()) : check.failed(image, found);
 * }</pre>
 */
public record Check(Property property, String cisItem, String assertion, String expectation, String method) {
  /** The evidence lines a verdict keeps, as AssertJ prints at most 1,000 elements of a collection. */
  static final int MAX_EVIDENCE_LINES = 1_000;
  /** The longest evidence line kept whole: the image writes much of what evidence quotes (User, RUN steps, paths). */
  static final int MAX_EVIDENCE_CHARS = 2_000;
  private static final int HEAD_CHARS = 1_200;
  private static final int TAIL_CHARS = 600;

  public static Check of(Property property, String assertion, String expectation, String method) {
    return new Check(property, "", assertion, expectation, method);
  }

  /** This check as the CIS Docker Benchmark item {@code id}, e.g. {@code 4.8}. */
  public Check cis(String id) {
    return new Check(property, id, assertion, expectation, method);
  }

  /** This check under another property (a runsAsUid(0) is no non-root check). */
  public Check property(Property other) {
    return new Check(other, cisItem, assertion, expectation, method);
  }

  public Verdict passed(ContainerImage image, List<String> evidence) {
    return verdict(image, Outcome.PASSED, evidence);
  }

  public Verdict failed(ContainerImage image, List<String> evidence) {
    return verdict(image, Outcome.FAILED, evidence);
  }

  public Verdict cannotDecide(ContainerImage image, List<String> reasons) {
    return verdict(image, Outcome.CANNOT_DECIDE, reasons);
  }

  public Verdict waived(ContainerImage image, String reason) {
    return verdict(image, Outcome.WAIVED, List.of(reason));
  }

  /** Failed with {@code found} when it is not empty, else passed with {@code passEvidence}. */
  public Verdict noneOf(ContainerImage image, List<String> found, List<String> passEvidence) {
    return found.isEmpty() ? passed(image, passEvidence) : failed(image, found);
  }

  private Verdict verdict(ContainerImage image, Outcome outcome, List<String> evidence) {
    return new Verdict(image.reference(), image.digest(), property, cisItem, assertion, outcome, expectation,
        bounded(evidence), method);
  }

  /**
   * At most {@value #MAX_EVIDENCE_LINES} lines, each {@linkplain #bounded(String) bounded}, then how many more: an
   * image of a hundred thousand set-id files fails with a message, and a report, that a run can hold.
   */
  static List<String> bounded(List<String> evidence) {
    if (evidence.size() <= MAX_EVIDENCE_LINES) {
      return evidence.stream().map(Check::bounded).toList();
    }
    List<String> kept = new ArrayList<>(MAX_EVIDENCE_LINES + 1);
    evidence.stream().limit(MAX_EVIDENCE_LINES).map(Check::bounded).forEach(kept::add);
    kept.add(String.format(Locale.ROOT, "… and %,d more (%,d in all)", evidence.size() - MAX_EVIDENCE_LINES,
        evidence.size()));
    return kept;
  }

  /**
   * The line, or for one of more than {@value #MAX_EVIDENCE_CHARS} characters its start and end around how much was
   * left out: a reason at the end of a long line stays, and a crafted megabyte does not reach the report.
   */
  static String bounded(String line) {
    if (line.length() <= MAX_EVIDENCE_CHARS) {
      return line;
    }
    return line.substring(0, HEAD_CHARS) + String.format(Locale.ROOT, " … (%,d characters left out) … ",
        line.length() - HEAD_CHARS - TAIL_CHARS) + line.substring(line.length() - TAIL_CHARS);
  }
}
