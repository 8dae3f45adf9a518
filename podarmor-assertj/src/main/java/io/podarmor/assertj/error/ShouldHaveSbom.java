package io.podarmor.assertj.error;

import io.podarmor.image.ContainerImage;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A failure of {@code hasSbom}: no readable SBOM of the format; lists what was found and every route looked at. */
public class ShouldHaveSbom extends BasicErrorMessageFactory {

  /**
   * Creates the message; document- and image-derived text goes in as arguments, never into the format.
   *
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveSbom(ContainerImage actual, String format, List<String> found,
        List<String> routes) {
    return new ShouldHaveSbom(actual, format, found, routes);
  }

  private ShouldHaveSbom(ContainerImage actual, String format, List<String> found, List<String> routes) {
    super("%nExpecting image:%n  %s%nto have an SBOM in format:%n  %s%nbut found:%n  %s%nlooked at:%n  %s",
        unquotedString(ImageMessages.name(actual)), unquotedString(format),
        unquotedString(ImageMessages.items(found)), unquotedString(ImageMessages.items(routes)));
  }
}
