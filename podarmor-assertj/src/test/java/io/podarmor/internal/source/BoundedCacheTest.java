package io.podarmor.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  private final BoundedCache<String, String> cache = new BoundedCache<>("test", 10, String::length);

  @Test
  void the_least_recently_used_go_first_once_the_weight_is_over_its_bound() {
    cache.get("a", () -> "aaaa");
    cache.get("b", () -> "bbbb");
    cache.get("a", () -> "never");
    cache.get("c", () -> "cccc");

    assertThat(cache.peek("a")).contains("aaaa");
    assertThat(cache.peek("b")).isEmpty();
    assertThat(cache.peek("c")).contains("cccc");
    assertThat(cache.weight()).isEqualTo(8);
  }

  @Test
  void a_value_heavier_than_the_bound_is_kept_alone_until_the_next() {
    cache.get("a", () -> "aaaa");
    cache.get("big", () -> "x".repeat(50));

    assertThat(cache.peek("a")).isEmpty();
    assertThat(cache.peek("big")).isPresent();
    assertThat(cache.weight()).isEqualTo(50);

    cache.get("b", () -> "bb");

    assertThat(cache.peek("big")).isEmpty();
    assertThat(cache.weight()).isEqualTo(2);
  }

  @Test
  void a_failure_is_not_kept() {
    assertThatThrownBy(() -> cache.get("a", () -> {
      throw new IllegalStateException("corrupt layer");
    })).hasMessage("corrupt layer");

    assertThat(cache.peek("a")).isEmpty();
    assertThat(cache.get("a", () -> "aa")).isEqualTo("aa");
  }

  @Test
  void a_value_refused_by_keep_is_handed_out_and_not_kept() {
    assertThat(cache.get("a", () -> "partial", v -> false)).isEqualTo("partial");

    assertThat(cache.peek("a")).isEmpty();
    assertThat(cache.weight()).isZero();
  }

  @Test
  void concurrent_callers_of_one_key_wait_for_one_computation() throws Exception {
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<String> first = pool.submit(() -> cache.get("a", () -> {
        computed.incrementAndGet();
        started.countDown();
        await(release);
        return "aa";
      }));
      started.await();
      Future<String> second = pool.submit(() -> cache.get("a", () -> {
        computed.incrementAndGet();
        return "other";
      }));
      release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("aa");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("aa");
      assertThat(computed).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clear_forgets_everything() {
    cache.get("a", () -> "aa");
    cache.clear();

    assertThat(cache.peek("a")).isEmpty();
    assertThat(cache.weight()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
