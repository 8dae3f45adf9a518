package io.podarmor.internal.check;

import io.podarmor.image.Healthcheck;
import io.podarmor.internal.inspect.HealthProbe;
import io.podarmor.internal.source.ImageFacts;
import io.podarmor.verdict.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the image config declares: a HEALTHCHECK, labels, when it was built. */
public final class ConfigChecks {
  private static final String CONFIG = "static: image config";

  private ConfigChecks() {}

  /**
   * CIS 4.6: a HEALTHCHECK the engine probes: a test of type {@code CMD} or {@code CMD-SHELL} with a command, whose
   * program ({@link HealthProbe}) the image has.
   */
  public static ImageCheck hasHealthcheck() {
    Check check = Check.of(Property.HEALTHCHECK, "hasHealthcheck()", "have a HEALTHCHECK",
        "static: image config, and the filesystem for the probe's program").cis("4.6");
    return new ImageCheck(check, (c, facts) -> {
      Optional<Healthcheck> healthcheck = facts.config().healthcheck();
      if (healthcheck.isEmpty()) {
        return c.failed(facts.image(), List.of("no HEALTHCHECK"));
      }
      List<String> test = healthcheck.get().test();
      if (healthcheck.get().isDisabled()) {
        return c.failed(facts.image(), List.of(unprobed(test)));
      }
      if (test.size() == 1) {
        return c.failed(facts.image(), List.of("HEALTHCHECK " + test.get(0) + " with no command: the engine's probe "
            + "has nothing to run and never succeeds"));
      }
      Optional<String> unstartable = HealthProbe.unstartable(facts.config(),
          facts.image().platform().architecture(), test, facts.filesystem());
      if (unstartable.isPresent()) {
        return c.failed(facts.image(), List.of("HEALTHCHECK " + String.join(" ", test) + ": " + unstartable.get()));
      }
      return c.passed(facts.image(), List.of("HEALTHCHECK " + String.join(" ", test)));
    });
  }

  /** Why the engine runs no probe for this test (daemon/health.go probes only CMD and CMD-SHELL). */
  private static String unprobed(List<String> test) {
    if (test.isEmpty()) {
      return "a HEALTHCHECK with an empty test";
    }
    if (test.get(0).equals("NONE")) {
      return "HEALTHCHECK NONE";
    }
    return "HEALTHCHECK " + String.join(" ", test) + ": the engine runs no probe for a test of type \"" + test.get(0)
        + "\" (only CMD and CMD-SHELL)";
  }

  /** The config carries this label with exactly this value. */
  public static ImageCheck hasLabel(String key, String value) {
    Check check = Check.of(Property.OTHER, "hasLabel(" + key + ", " + value + ")", "have label " + label(key, value),
        CONFIG);
    return new ImageCheck(check, (c, facts) -> {
      String actual = facts.config().labels().get(key);
      if (actual == null) {
        return c.failed(facts.image(), List.of("no label " + key));
      }
      return value.equals(actual) ? c.passed(facts.image(), List.of(label(key, actual)))
          : c.failed(facts.image(), List.of(label(key, actual)));
    });
  }

  /** The {@code key="value"} form of a label, as failures show it. */
  public static String label(String key, String value) {
    return key + "=\"" + value + "\"";
  }

  /** CIS 4.4: created at most {@code maxAge} ago; no time, or the 1970 epoch, cannot decide. */
  public static ImageCheck wasBuiltWithin(Duration maxAge) {
    String within = describe(maxAge);
    Check check = Check.of(Property.CIS_4, "wasBuiltWithin(" + maxAge + ")",
        "have been built within " + within + " (CIS 4.4)", "static: the config's created time").cis("4.4");
    return new ImageCheck(check, (c, facts) -> decideAge(c, facts, maxAge));
  }

  private static io.podarmor.verdict.Verdict decideAge(Check c, ImageFacts facts, Duration maxAge) {
    Optional<Instant> created = facts.config().created();
    if (created.isEmpty()) {
      return c.cannotDecide(facts.image(), List.of("the config records no creation time"));
    }
    if (created.get().isBefore(Instant.parse("1971-01-01T00:00:00Z"))) {
      return c.cannotDecide(facts.image(), List.of("the config's creation time is " + created.get()
          + ", a fixed epoch (a reproducible build?), not when the image was built"));
    }
    Duration age = Duration.between(created.get(), Instant.now());
    if (age.compareTo(maxAge) > 0) {
      return c.failed(facts.image(), List.of("created " + created.get() + ", " + age.toDays() + " days ago"));
    }
    return c.passed(facts.image(), List.of("created " + created.get()));
  }

  /** {@code 90 days}, {@code 12 hours}, else ISO-8601. */
  public static String describe(Duration d) {
    if (d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toSeconds() % 3_600 == 0 && d.getNano() == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toString();
  }
}
