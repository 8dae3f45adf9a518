package io.podarmor.internal.source;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A cache shared by every test of a run, bounded by the total weight of what it holds: the least recently used
 * entries go first, and what goes is computed (and verified) again when asked for. Each key is computed at most once
 * at a time; a failure is not kept, so the next caller gets the error again rather than a stale result. Keys are
 * values of content that was verified (digests, diff IDs) or of where an image came from, never a claim.
 *
 * <pre>{@code
 * BoundedCache<String, ParsedConfig> configs = new BoundedCache<>("configs", 4096, c -> 1);
 * configs.get(digest, () -> parse(bytes));
 * }</pre>
 */
final class BoundedCache<K, V> {
  private final String name;
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, Slot<V>> slots = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  BoundedCache(String name, long maxWeight, ToLongFunction<V> weigher) {
    this.name = name;
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** The value under {@code key}, computing it when absent (concurrent callers of one key wait for one computation). */
  V get(K key, Supplier<V> compute) {
    return get(key, compute, v -> true);
  }

  /** As {@link #get(Object, Supplier)}, but a value {@code keep} refuses is handed out without being kept. */
  V get(K key, Supplier<V> compute, Predicate<V> keep) {
    Slot<V> slot;
    synchronized (this) {
      slot = slots.computeIfAbsent(key, k -> new Slot<>());
    }
    V value;
    synchronized (slot) {
      if (slot.value != null) {
        return slot.value;
      }
      try {
        value = compute.get();
      } catch (RuntimeException | Error e) {
        forget(key, slot);
        throw e;
      }
      if (!keep.test(value)) {
        forget(key, slot);
        return value;
      }
      slot.value = value;
    }
    synchronized (this) {
      if (slots.get(key) == slot) {
        slot.weight = Math.max(1, weigher.applyAsLong(value));
        weight += slot.weight;
        evict(key);
      }
    }
    return value;
  }

  /** The value under {@code key} if it is computed and kept. */
  synchronized Optional<V> peek(K key) {
    Slot<V> slot = slots.get(key);
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.value);
  }

  /** Keeps {@code value} under {@code key} unless one is there; returns the one kept. */
  V putIfAbsent(K key, V value) {
    return get(key, () -> value);
  }

  /** Forgets everything. */
  synchronized void clear() {
    slots.clear();
    weight = 0;
  }

  private synchronized void forget(K key, Slot<V> slot) {
    slots.remove(key, slot);
  }

  /** Drops the least recently used computed entries until the weight fits, never the one just added. */
  private void evict(K keep) {
    for (Iterator<Map.Entry<K, Slot<V>>> it = slots.entrySet().iterator(); weight > maxWeight && it.hasNext(); ) {
      Map.Entry<K, Slot<V>> e = it.next();
      if (e.getValue().value != null && !e.getKey().equals(keep)) {
        weight -= e.getValue().weight;
        it.remove();
      }
    }
  }

  @Override
  public synchronized String toString() {
    return name + " cache: " + slots.size() + " entries, weight " + weight + " of " + maxWeight;
  }

  private static final class Slot<V> {
    volatile V value;
    long weight;
  }
}
