package io.podarmor.internal.source;

import io.podarmor.image.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Reads independent layers in parallel, one thread per core, daemon threads so the JVM can exit. */
final class LayerPool {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "podarmor-layer-reader");
        t.setDaemon(true);
        return t;
      });

  private LayerPool() {}

  /** Runs every task, in parallel, and returns their results in order; the first failure is rethrown as is. */
  static <T> List<T> all(List<Supplier<T>> tasks) {
    if (tasks.size() == 1) {
      return List.of(tasks.get(0).get());
    }
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (Supplier<T> task : tasks) {
      futures.add(CompletableFuture.supplyAsync(task, POOL));
    }
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> f : futures) {
      try {
        results.add(f.join());
      } catch (CompletionException e) {
        futures.forEach(other -> other.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new ImageException("layer reading failed: " + cause, cause);
      }
    }
    return results;
  }
}
