package io.podarmor.internal.source;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A cache shared by every test of a run, bounded by the total weight of what it holds: the least recently used
 * entries go first, and what goes is computed (and verified) again when asked for. Values are held softly, so what
 * the cache keeps gives way before the heap runs out for the image being checked (the bounds by weight keep a large
 * heap from filling; they cannot know what else a small heap holds). Each key is computed at most once
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
  private final ReferenceQueue<V> givenWay = new ReferenceQueue<>();
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
      forgetGivenWay();
      slot = slots.computeIfAbsent(key, k -> new Slot<>());
    }
    V value;
    synchronized (slot) {
      value = slot.value();
      if (value != null) {
        return value;
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
      slot.value = new Held<>(value, key, slot, givenWay);
    }
    synchronized (this) {
      if (slots.get(key) == slot) {
        weight -= slot.weight;
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
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.value());
  }

  /** The weight of what is kept now. */
  synchronized long weight() {
    forgetGivenWay();
    return weight;
  }

  /** Keeps {@code value} under {@code key} unless one is there; returns the one kept. */
  V putIfAbsent(K key, V value) {
    return get(key, () -> value);
  }

  /** Forgets everything. */
  synchronized void clear() {
    slots.clear();
    weight = 0;
    while (givenWay.poll() != null) {
      // their slots are gone with the rest
    }
  }

  private synchronized void forget(K key, Slot<V> slot) {
    slots.remove(key, slot);
  }

  /** Drops the slots whose values the collector took, so their weight no longer counts. */
  @SuppressWarnings("unchecked")
  private void forgetGivenWay() {
    for (Object ref; (ref = givenWay.poll()) != null; ) {
      Held<K, V> held = (Held<K, V>) ref;
      if (held.slot.value == held && slots.remove(held.key, held.slot)) {
        weight -= held.slot.weight;
      }
    }
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
    /** Null until computed; then the value, until the collector takes it. */
    volatile Held<?, V> value;
    long weight;

    V value() {
      Held<?, V> held = value;
      return held == null ? null : held.get();
    }
  }

  /** A computed value, held softly, with the key and slot to forget once the collector takes it. */
  private static final class Held<K, V> extends SoftReference<V> {
    final K key;
    final Slot<V> slot;

    Held(V value, K key, Slot<V> slot, ReferenceQueue<V> queue) {
      super(value, queue);
      this.key = key;
      this.slot = slot;
    }
  }
}
