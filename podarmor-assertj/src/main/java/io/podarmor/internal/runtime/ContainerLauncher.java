package io.podarmor.internal.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.podarmor.image.ContainerImage;
import io.podarmor.internal.docker.Docker;
import io.podarmor.runtime.ContainerException;
import io.podarmor.runtime.RuntimeProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates and starts a container of an image the engine already has, under a runtime profile, labelled with this
 * run. It never pulls: the container is created from the engine's image ID, so it runs exactly the image that was
 * inspected, even if its tag has moved since.
 */
public final class ContainerLauncher {
  private ContainerLauncher() {}

  /** A started container: its id, name and the engine image it runs. */
  public record Launched(String id, String name, String engineImageId) {}

  /** Creates, tracks for removal, and starts the container; removes it again when the engine will not start it. */
  public static Launched launch(ContainerImage image, RuntimeProfile profile) {
    DockerClient client = Docker.client();
    String what = describe(image);
    String engineImageId = engineImageId(client, image);
    String name = name(image.reference());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PodArmorRun.RUN_LABEL, PodArmorRun.id());
    labels.put(PodArmorRun.IMAGE_LABEL, image.reference());
    labels.put(PodArmorRun.IMAGE_ID_LABEL, engineImageId);
    labels.put(PodArmorRun.PROFILE_LABEL, profile.name());

    CreateContainerCmd create = client.createContainerCmd(engineImageId)
        .withName(name)
        .withLabels(labels)
        .withHostConfig(hostConfig(profile));
    profile.keepAlive().ifPresent(command -> create
        .withEntrypoint(command.get(0))
        .withCmd(command.subList(1, command.size())));
    String id;
    try {
      id = create.exec().getId();
    } catch (RuntimeException e) {
      throw new ContainerException("The engine (" + Docker.host() + ") could not create a container of " + what
          + " under profile " + profile + ": " + EngineErrors.message(e), e);
    }
    ContainerReaper.track(id);
    try {
      client.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      ContainerReaper.remove(id);
      throw new ContainerException("The engine (" + Docker.host() + ") could not start a container of " + what
          + " under profile " + profile + ": " + EngineErrors.message(e), e);
    }
    return new Launched(id, name, engineImageId);
  }

  /**
   * The engine's ID for this image: found by its image ID or digest; or by its reference when that names the very
   * same image. Never pulls.
   */
  static String engineImageId(DockerClient client, ContainerImage image) {
    Set<String> candidates = new LinkedHashSet<>(List.of(image.id(), image.digest()));
    for (String candidate : candidates) {
      try {
        return client.inspectImageCmd(candidate).exec().getId();
      } catch (NotFoundException e) {
        // try the next
      } catch (RuntimeException e) {
        throw new ContainerException("Cannot ask the Docker engine (" + Docker.host() + ") for " + describe(image)
            + ": " + EngineErrors.message(e), e);
      }
    }
    String reference = image.reference();
    if (!reference.startsWith("oci:") && !reference.startsWith("docker-archive:")) {
      try {
        String id = client.inspectImageCmd(reference).exec().getId();
        if (candidates.contains(id)) {
          return id;
        }
        throw new ContainerException("The Docker engine's " + reference + " is now image " + id
            + ", not the image under test " + image.id() + " (was it rebuilt or re-tagged during the run?);"
            + " refusing to start a container of another image");
      } catch (NotFoundException e) {
        // fall through
      }
    }
    throw new ContainerException("Cannot start a container of " + describe(image) + ": the Docker engine ("
        + Docker.host() + ") has no image " + image.id() + ". Containers are started only from images the engine"
        + " already has, and never pulled: load it first, e.g. `docker load -i image.tar` for a docker archive,"
        + " or `skopeo copy oci:<dir> docker-daemon:<name>:<tag>` for an OCI layout");
  }

  private static HostConfig hostConfig(RuntimeProfile profile) {
    HostConfig hc = HostConfig.newHostConfig()
        .withNetworkMode(profile.networkMode())
        .withReadonlyRootfs(profile.readOnlyRootFilesystem());
    if (!profile.tmpfs().isEmpty()) {
      hc.withTmpFs(profile.tmpfs());
    }
    if (!profile.droppedCapabilities().isEmpty()) {
      List<Capability> caps = new ArrayList<>();
      for (String c : profile.droppedCapabilities()) {
        try {
          caps.add(Capability.valueOf(c));
        } catch (IllegalArgumentException e) {
          throw new ContainerException("Profile " + profile.name() + " drops an unknown capability " + c
              + "; expected a name such as ALL, NET_RAW or SYS_ADMIN");
        }
      }
      hc.withCapDrop(caps.toArray(new Capability[0]));
    }
    if (profile.noNewPrivileges()) {
      hc.withSecurityOpts(List.of("no-new-privileges:true"));
    }
    return hc;
  }

  /** A unique container name that says what runs in it, e.g. {@code acme-api-1.4.2-podarmor-3f2a1b9c}. */
  static String name(String reference) {
    String slug = reference.replaceFirst("^(oci|docker-archive):", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_.-]+", "-")
        .replaceAll("-{2,}", "-")
        .replaceAll("^[^a-z0-9]+", "")
        .replaceAll("[^a-z0-9]+$", "");
    if (slug.length() > 48) {
      slug = slug.substring(0, 48).replaceAll("[^a-z0-9]+$", "");
    }
    String suffix = "podarmor-" + UUID.randomUUID().toString().substring(0, 8);
    return slug.isEmpty() ? suffix : slug + "-" + suffix;
  }

  /** {@code acme/api:1.4.2@sha256:…}, for messages. */
  public static String describe(ContainerImage image) {
    String reference = image.reference();
    return reference.endsWith("@" + image.digest()) ? reference : reference + "@" + image.digest();
  }
}
