package io.podarmor.assertj;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.podarmor.image.ContainerImage;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers for the ContainerAssert tests. */
final class RuntimeFixtures {
  private RuntimeFixtures() {}

  static RunningContainer start(String reference) {
    return RunningContainer.start(ContainerImage.fromDaemon(reference), RuntimeProfile.DEFAULT);
  }

  /** The header line of a container failure: {@code ref@digest (container id12, profile name)}. */
  static String header(RunningContainer c) {
    return c.image().reference() + "@" + c.image().digest() + " (container " + c.id().substring(0, 12)
        + ", profile " + c.profile().name() + ")";
  }

  static AssertionError expectAssertionError(ThrowingCallable call) {
    AssertionError error = catchThrowableOfType(AssertionError.class, call);
    if (error == null) {
      throw new AssertionError("Expected an AssertionError, but the assertion passed");
    }
    return error;
  }

  /** Waits for the main process to exit (CLI images). */
  static void awaitExit(RunningContainer c) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (c.isRunning() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
