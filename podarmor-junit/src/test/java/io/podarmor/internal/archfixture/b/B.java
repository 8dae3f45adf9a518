package io.podarmor.internal.archfixture.b;

import io.podarmor.internal.archfixture.a.A;

/** The other half of a package cycle, on purpose. */
public final class B {
  private B() {}

  public static int depth() {
    return A.class.getSimpleName().length();
  }
}
