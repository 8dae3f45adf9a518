package io.podarmor.internal.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.podarmor.internal.docker.Docker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes containers: on request, and at JVM exit every container this run still has, found both by the ids it
 * tracked and by the run label (which also finds a container whose create response was lost). Ryuk may be
 * disabled, so nothing else cleans up.
 */
public final class ContainerReaper {
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK = new AtomicBoolean();

  private ContainerReaper() {}

  /** Tracks a container for removal at JVM exit; registers the shutdown hook on first use. */
  public static void track(String containerId) {
    if (HOOK.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(ContainerReaper::removeAllOfThisRun, "podarmor-reaper"));
    }
    LIVE.add(containerId);
  }

  /** Force-removes a container with its anonymous volumes; a container already gone is fine. */
  public static void remove(String containerId) {
    try {
      Docker.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (ConflictException e) {
      if (!String.valueOf(e.getMessage()).contains("already in progress")) {
        throw e;
      }
      // another thread (the shutdown hook, say) is removing it
    } finally {
      LIVE.remove(containerId);
    }
  }

  /** Removes every container of this run: the tracked ones and any carrying this run's label. */
  public static void removeAllOfThisRun() {
    for (String id : List.copyOf(LIVE)) {
      quietly(id);
    }
    try {
      DockerClient client = Docker.client();
      List<Container> labelled = client.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(PodArmorRun.RUN_LABEL, PodArmorRun.id())).exec();
      for (Container c : labelled) {
        quietly(c.getId());
      }
    } catch (RuntimeException e) {
      System.err.println("PodArmor: could not list this run's containers for removal (label "
          + PodArmorRun.RUN_LABEL + "=" + PodArmorRun.id() + "): " + e.getMessage());
    }
  }

  private static void quietly(String id) {
    try {
      remove(id);
    } catch (RuntimeException e) {
      System.err.println("PodArmor: could not remove container " + id + ": " + e.getMessage());
    }
  }
}
