package io.podarmor.internal.archfixture.a;

import io.podarmor.internal.archfixture.b.B;

/** One half of a package cycle, on purpose. */
public final class A {
  private A() {}

  public static int depth() {
    return B.depth() + 1;
  }
}
