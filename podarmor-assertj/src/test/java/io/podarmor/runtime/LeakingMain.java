package io.podarmor.runtime;

import io.podarmor.image.ContainerImage;

/** Run in a child JVM by {@link ShutdownHookTest}: starts a container, never closes it, and waits to be killed. */
public final class LeakingMain {
  private LeakingMain() {}

  public static void main(String[] args) throws InterruptedException {
    RunningContainer c = RunningContainer.start(ContainerImage.fromDaemon(args[0]));
    System.out.println(RunningContainer.runId() + " " + c.id());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
