package io.podarmor.assertj.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The layout every PodArmor failure shares: what was checked, what was expected, and what was found, one item a
 * line. Everything but the fixed words goes in as an argument, never into the format.
 *
 * <pre>{@code
 * Expecting image:
 *   acme/api:1.4.2@sha256:…
 * to run as uid 65532
 * but found:
 *   User not set: uid 0 (root)
 * }</pre>
 */
final class Failure extends BasicErrorMessageFactory {
  private static final String NEW_LINE = System.lineSeparator();

  private Failure(String kind, String subject, String expectation, String foundHeader, List<String> found) {
    super("%nExpecting " + kind + ":%n  %s%n%s%n" + foundHeader + ":%n  %s", unquotedString(subject),
        unquotedString(expectation), unquotedString(ImageMessages.items(found)));
  }

  /** A failure of an image: {@code expectation} is the line after it, e.g. {@code to run as uid 65532}. */
  static ErrorMessageFactory image(io.podarmor.image.ContainerImage actual, String expectation, List<String> found) {
    return new Failure("image", ImageMessages.name(actual), expectation, "but found", found);
  }

  /** As {@link #image}, with another header for what was found, e.g. {@code but could not decide}. */
  static ErrorMessageFactory image(io.podarmor.image.ContainerImage actual, String expectation, String foundHeader,
      List<String> found) {
    return new Failure("image", ImageMessages.name(actual), expectation, foundHeader, found);
  }

  /** A failure of an SBOM, e.g. {@code CycloneDX 1.5 (file app.cdx.json)}. */
  static ErrorMessageFactory sbom(String sbom, String expectation, String foundHeader, List<String> found) {
    return new Failure("SBOM", sbom, expectation, foundHeader, found);
  }

  /** {@code header:} and, on the next line, {@code value} indented: {@code have file:\n  /etc/passwd}. */
  static String block(String header, String value) {
    return header + ":" + NEW_LINE + "  " + value;
  }
}
