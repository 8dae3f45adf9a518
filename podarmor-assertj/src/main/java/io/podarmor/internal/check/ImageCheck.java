package io.podarmor.internal.check;

import io.podarmor.internal.source.ImageFacts;
import io.podarmor.verdict.Verdict;
import java.util.function.BiFunction;

/**
 * One property check: what it is ({@link Check}) and how it decides, from an image's facts to a verdict. Knowing
 * what a check is before it runs lets a waiver of its CIS item skip it.
 *
 * <pre>{@code
 * ImageCheck check = FileChecks.noSuidFiles();
 * Verdict verdict = check.run(ImageFacts.of(image));
 * }</pre>
 */
public record ImageCheck(Check check, BiFunction<Check, ImageFacts, Verdict> body) {
  /** Decides; an image that cannot be read throws its {@code ImageException}. */
  public Verdict run(ImageFacts facts) {
    return body.apply(check, facts);
  }
}
