package io.podarmor.internal.record;

/** How one property check ended. */
public enum Outcome {
  PASSED,
  FAILED,
  WAIVED
}
