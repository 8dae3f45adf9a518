package io.podarmor.verdict;

/** How one check of a property ended. */
public enum Outcome {
  /** The property holds, verified. */
  PASSED,
  /** The property does not hold; the evidence lists what contradicts it. */
  FAILED,
  /** The check could not tell, and so fails closed; the evidence says why. */
  CANNOT_DECIDE,
  /** The check was not run: it was waived, with a written reason. */
  WAIVED;

  /** The name written to reports: {@code passed}, {@code failed}, {@code cannot-decide}, {@code waived}. */
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
