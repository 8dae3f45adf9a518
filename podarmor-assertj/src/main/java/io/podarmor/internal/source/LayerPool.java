package io.podarmor.internal.source;

import io.podarmor.image.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
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

  /**
   * Runs every task in parallel and hands the results to {@code consumer} in order, each as soon as it and all
   * before it are done: merging the first layers overlaps reading the later ones, and a result is dropped once
   * consumed. The first failure, in order, is rethrown as is and the remaining tasks are cancelled.
   */
  static <T> void inOrder(List<Supplier<T>> tasks, Consumer<T> consumer) {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (Supplier<T> task : tasks) {
      futures.add(CompletableFuture.supplyAsync(task, POOL));
    }
    for (int i = 0; i < futures.size(); i++) {
      try {
        T result = futures.get(i).join();
        futures.set(i, null);
        consumer.accept(result);
      } catch (CompletionException e) {
        cancel(futures);
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new ImageException("layer reading failed: " + cause, cause);
      } catch (RuntimeException e) {
        cancel(futures);
        throw e;
      }
    }
  }

  private static <T> void cancel(List<CompletableFuture<T>> futures) {
    for (CompletableFuture<T> f : futures) {
      if (f != null) {
        f.cancel(true);
      }
    }
  }
}
