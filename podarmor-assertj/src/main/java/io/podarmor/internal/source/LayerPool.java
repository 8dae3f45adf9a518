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
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "podarmor-layer-reader");
        t.setDaemon(true);
        return t;
      });

  private LayerPool() {}

  /**
   * Runs the tasks in parallel and hands the results to {@code consumer} in order, each as soon as it and all before
   * it are done: merging the first layers overlaps reading the later ones, at most one task per thread runs ahead of
   * the one being merged (so memory stays bounded), and a result is dropped once consumed. The first failure, in
   * order, is rethrown as is, once the tasks not yet started are cancelled and those running have ended: no read of
   * a failed image goes on (and fills the caches) after its failure is reported.
   */
  static <T> void inOrder(List<Supplier<T>> tasks, Consumer<T> consumer) {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    Running running = new Running();
    int window = THREADS + 1; // results wait for their turn: bound how many are read ahead
    for (int i = 0; i < tasks.size(); i++) {
      while (futures.size() < Math.min(tasks.size(), i + window)) {
        futures.add(CompletableFuture.supplyAsync(running.track(tasks.get(futures.size())), POOL));
      }
      try {
        T result = futures.get(i).join();
        futures.set(i, null);
        consumer.accept(result);
      } catch (CompletionException e) {
        cancel(futures);
        running.stopAndAwait();
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new ImageException("layer reading failed: " + cause, cause);
      } catch (RuntimeException e) {
        cancel(futures);
        running.stopAndAwait();
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

  /** The tasks of one call that are running; once stopped, a task that starts late does nothing. */
  private static final class Running {
    private int count;
    private boolean stopped;

    <T> Supplier<T> track(Supplier<T> task) {
      return () -> {
        synchronized (this) {
          if (stopped) {
            return null;
          }
          count++;
        }
        try {
          return task.get();
        } finally {
          synchronized (this) {
            count--;
            notifyAll();
          }
        }
      };
    }

    synchronized void stopAndAwait() {
      stopped = true;
      boolean interrupted = false;
      while (count > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
