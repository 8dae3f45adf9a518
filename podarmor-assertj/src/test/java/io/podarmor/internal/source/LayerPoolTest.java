package io.podarmor.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LayerPoolTest {
  @Test
  void hands_the_results_over_in_order() {
    List<Supplier<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      tasks.add(() -> {
        sleep(n % 3 * 5);
        return n;
      });
    }
    List<Integer> seen = new ArrayList<>();
    LayerPool.inOrder(tasks, seen::add);
    assertThat(seen).hasSize(20).isSorted();
  }

  /** A layer that fails ends the read, but not before the layers still being read have ended: nothing goes on. */
  @Test
  void a_failure_is_reported_once_the_reads_already_running_have_ended() {
    AtomicBoolean slowEnded = new AtomicBoolean();
    List<Supplier<String>> tasks = List.of(() -> {
      sleep(50);
      throw new ImageException("Digest mismatch for layer 1");
    }, () -> {
      sleep(300);
      slowEnded.set(true);
      return "layer 2";
    });
    assertThatThrownBy(() -> LayerPool.inOrder(tasks, layer -> { })).isInstanceOf(ImageException.class)
        .hasMessage("Digest mismatch for layer 1");
    assertThat(slowEnded).as("the read of layer 2, running when layer 1 failed, ended first").isTrue();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
