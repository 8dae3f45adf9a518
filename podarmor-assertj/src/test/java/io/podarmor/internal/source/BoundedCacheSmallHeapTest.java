package io.podarmor.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The run-wide caches under the adversarial run's small heap ({@code -Xmx256m}): what they keep gives way to the image
 * being checked, however loose their bounds by weight (the corpus ran out of heap once, with the caches holding 140
 * MB of earlier images).
 */
class BoundedCacheSmallHeapTest {
  private static final int MIB = 1024 * 1024;

  @Test
  void kept_values_give_way_to_an_allocation_the_heap_needs_and_are_computed_again() {
    long heap = Runtime.getRuntime().maxMemory();
    BoundedCache<Integer, byte[]> cache = new BoundedCache<>("test", Long.MAX_VALUE, v -> v.length);
    AtomicInteger computed = new AtomicInteger();
    int values = (int) (2 * heap / (8 * MIB));
    for (int i = 0; i < values; i++) {
      cache.get(i, () -> {
        computed.incrementAndGet();
        return new byte[8 * MIB];
      });
    }

    byte[] inFlight = new byte[(int) (heap / 2)];

    assertThat(inFlight).hasSize((int) (heap / 2));
    assertThat(cache.weight()).as("the weight of what gave way no longer counts").isLessThan(heap);
    assertThat(cache.peek(0)).isEmpty();
    assertThat(cache.get(0, () -> {
      computed.incrementAndGet();
      return new byte[1];
    })).hasSize(1);
    assertThat(computed).hasValue(values + 1);
  }
}
