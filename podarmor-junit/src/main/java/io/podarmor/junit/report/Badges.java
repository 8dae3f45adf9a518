package io.podarmor.junit.report;

/**
 * Flat SVG badges in the usual two-part README style: the property on the left, its status on the right
 * ({@code verified}, {@code verified, 1 waived}, {@code failing}, {@code waived}, {@code partly checked}).
 */
final class Badges {
  private Badges() {}

  static String svg(String label, PropertyStatus status, int waivers) {
    String value;
    String color;
    switch (status) {
      case PASSED:
        value = waivers == 0 ? "verified" : "verified, " + waivers + " waived";
        color = "#2e7d32";
        break;
      case FAILED:
        value = "failing";
        color = "#c62828";
        break;
      case WAIVED:
        value = "waived";
        color = "#ef6c00";
        break;
      case PARTIAL:
        value = "partly checked";
        color = "#757575";
        break;
      default:
        throw new IllegalArgumentException("no badge for a property that was not checked");
    }
    int left = 10 + 7 * label.length();
    int right = 10 + 7 * value.length();
    int width = left + right;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\" role=\"img\" "
        + "aria-label=\"" + Html.escape(label) + ": " + value + "\">"
        + "<title>" + Html.escape(label) + ": " + value + " by PodArmor</title>"
        + "<rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
        + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + color + "\"/>"
        + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"5\" y=\"14\">" + Html.escape(label) + "</text>"
        + "<text x=\"" + (left + 5) + "\" y=\"14\">" + value + "</text></g></svg>\n";
  }
}
