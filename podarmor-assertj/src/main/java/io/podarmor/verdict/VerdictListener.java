package io.podarmor.verdict;

/**
 * Hears every verdict an assertion reaches while it is registered with {@link Verdicts#register}: the hardening
 * report is one, a team's own dashboard can be another. Called on the asserting thread; must not throw.
 *
 * <pre>{@code
 * try (Verdicts.Registration r = Verdicts.register(v -> System.out.println(v))) {
 *   assertThat(image).hasNoShell();   // prints PASSED hasNoShell() on ...
 * }
 * }</pre>
 */
@FunctionalInterface
public interface VerdictListener {
  /** Called once for every verdict, on the thread that reached it. */
  void onVerdict(Verdict verdict);
}
