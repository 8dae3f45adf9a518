package io.podarmor.junit.report;

/** Where a property of one image stands at the end of a run. */
public enum PropertyStatus {
  /**
   * At least one check passed and every other one passed or was waived: the only status that earns a chip (which
   * counts the waivers).
   */
  PASSED("passed"),
  /** At least one check failed. */
  FAILED("failed"),
  /** Every check was waived (each with its reason): no chip, nothing was verified. */
  WAIVED("waived"),
  /**
   * Only for CIS §4: some of its items passed (or were waived) and none failed, but not every item PodArmor checks
   * without input was decided, nor the section as a whole. No chip: part of the section is not the section.
   */
  PARTIAL("partial"),
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
