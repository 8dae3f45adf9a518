package io.podarmor.verdict;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * PodArmor's one global registration point: who hears the verdicts assertions reach, and the settings that checks
 * without arguments read (the trust policy of {@code isSigned()}). The JUnit extension registers the hardening
 * report here for the run and closes the registration at its end; everything else about a run lives in the JUnit
 * store. Without a registration, a verdict is only the assertion's outcome, and settings come from system properties,
 * then {@code PODARMOR_*} environment variables.
 *
 * <pre>{@code
 * try (Verdicts.Registration run = Verdicts.register(report::add, configuration::get)) {
 *   assertThat(image).isSigned();   // the report hears the verdict; the trust policy comes from configuration
 * }
 * }</pre>
 */
public final class Verdicts {
  private static final List<Registration> OPEN = new CopyOnWriteArrayList<>();

  private Verdicts() {}

  /** Registers a listener; settings then come from system properties and the environment. */
  public static Registration register(VerdictListener listener) {
    return register(listener, key -> Optional.empty());
  }

  /**
   * Registers a listener and a source of settings ({@code podarmor.trust.identity}, …), consulted before system
   * properties and the environment; the most recent open registration that has a setting wins.
   */
  public static Registration register(VerdictListener listener, Function<String, Optional<String>> settings) {
    Registration r = new Registration(Objects.requireNonNull(listener, "listener"),
        Objects.requireNonNull(settings, "settings"));
    OPEN.add(r);
    return r;
  }

  /**
   * Registers only a source of settings, e.g. the JUnit run's configuration; close it to restore the previous ones.
   */
  public static Registration configure(Function<String, Optional<String>> settings) {
    return register(verdict -> { }, settings);
  }

  /** Hands a verdict to every registered listener. */
  public static void record(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    for (Registration r : OPEN) {
      r.listener.onVerdict(verdict);
    }
  }

  /**
   * A setting: from the most recent registration that has it, else the system property, else the environment
   * variable of the same name ({@code podarmor.trust.public-key} is {@code PODARMOR_TRUST_PUBLIC_KEY}); blank values
   * count as unset.
   */
  public static Optional<String> setting(String key) {
    for (int i = OPEN.size() - 1; i >= 0; i--) {
      Optional<String> v = OPEN.get(i).settings.apply(key).map(String::strip).filter(s -> !s.isEmpty());
      if (v.isPresent()) {
        return v;
      }
    }
    String property = System.getProperty(key);
    if (property != null && !property.isBlank()) {
      return Optional.of(property.strip());
    }
    return Optional.ofNullable(System.getenv(environmentVariable(key))).map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  /** The environment variable of a setting: {@code podarmor.trust.public-key} is {@code PODARMOR_TRUST_PUBLIC_KEY}. */
  public static String environmentVariable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** An open registration; closing it removes the listener and its settings. */
  public static final class Registration implements AutoCloseable {
    private final VerdictListener listener;
    private final Function<String, Optional<String>> settings;

    private Registration(VerdictListener listener, Function<String, Optional<String>> settings) {
      this.listener = listener;
      this.settings = settings;
    }

    @Override
    public void close() {
      OPEN.remove(this);
    }
  }
}
