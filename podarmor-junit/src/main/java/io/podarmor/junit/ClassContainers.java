package io.podarmor.junit;

import io.podarmor.runtime.RunningContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The containers one test class started, removed together when the class ends (by the extension's after-all
 * callback and again, idempotently, when JUnit closes the class' store).
 */
final class ClassContainers implements AutoCloseable {
  private final Queue<RunningContainer> started = new ConcurrentLinkedQueue<>();

  public RunningContainer add(RunningContainer container) {
    started.add(container);
    return container;
  }

  /** Removes every container; reports the first failure after trying them all. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    RunningContainer c;
    while ((c = started.poll()) != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
