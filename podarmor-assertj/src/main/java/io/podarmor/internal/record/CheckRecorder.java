package io.podarmor.internal.record;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where assertions report each property check; the JUnit extension listens and builds the hardening report.
 * With no listener, recording costs nothing.
 */
public final class CheckRecorder {
  private static final List<Consumer<CheckRecord>> LISTENERS = new CopyOnWriteArrayList<>();

  private CheckRecorder() {}

  public static void addListener(Consumer<CheckRecord> listener) {
    LISTENERS.add(listener);
  }

  public static void removeListener(Consumer<CheckRecord> listener) {
    LISTENERS.remove(listener);
  }

  public static boolean hasListeners() {
    return !LISTENERS.isEmpty();
  }

  public static void record(CheckRecord record) {
    for (Consumer<CheckRecord> listener : LISTENERS) {
      listener.accept(record);
    }
  }
}
