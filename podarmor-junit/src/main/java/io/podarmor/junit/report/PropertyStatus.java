package io.podarmor.junit.report;

/** Where a property of one image stands at the end of a run. */
public enum PropertyStatus {
  /** Checked, and every check passed: the only status that earns a chip. */
  PASSED("passed"),
  /** At least one check failed. */
  FAILED("failed"),
  /** Waived with a written reason, and no check failed. */
  WAIVED("waived"),
  /** No check of this property ran. */
  NOT_CHECKED("not-checked");

  private final String json;

  PropertyStatus(String json) {
    this.json = json;
  }

  /** The value written to {@code report.json}. */
  public String json() {
    return json;
  }
}
