package io.podarmor.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * {@code Store.computeIfAbsent} where JUnit has it (6.0 and later), else {@code getOrComputeIfAbsent}, which JUnit 6
 * deprecates: PodArmor builds against both without a deprecation warning.
 */
final class Stores {
  private static final MethodHandle COMPUTE = compute();

  private Stores() {}

  /** The value under {@code key}, computed once by {@code create} when absent. */
  static <K, V> V computeIfAbsent(Store store, K key, Function<K, V> create, Class<V> type) {
    try {
      return type.cast(COMPUTE.invoke(store, key, create, type));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("JUnit's store could not compute " + key + ": " + e, e);
    }
  }

  private static MethodHandle compute() {
    MethodType signature = MethodType.methodType(Object.class, Object.class, Function.class, Class.class);
    for (String name : new String[] {"computeIfAbsent", "getOrComputeIfAbsent"}) {
      try {
        return MethodHandles.publicLookup().findVirtual(Store.class, name, signature);
      } catch (NoSuchMethodException | IllegalAccessException tryTheOther) {
        // JUnit 5 has only getOrComputeIfAbsent
      }
    }
    throw new IllegalStateException("JUnit's ExtensionContext.Store has neither computeIfAbsent nor "
        + "getOrComputeIfAbsent: an unsupported JUnit version");
  }
}
