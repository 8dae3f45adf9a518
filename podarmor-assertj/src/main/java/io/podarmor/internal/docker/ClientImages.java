package io.podarmor.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/** {@link EngineImages} through the engine client, for engines that are not on a unix socket (TCP, TLS). */
final class ClientImages implements EngineImages {
  private final Supplier<DockerClient> client;

  ClientImages(Supplier<DockerClient> client) {
    this.client = client;
  }

  @Override
  public Inspection inspect(String reference) throws IOException {
    InspectImageResponse inspect;
    try {
      inspect = client.get().inspectImageCmd(reference).exec();
    } catch (NotFoundException e) {
      return null;
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new Inspection(inspect.getId(), inspect.getOs(), inspect.getArch(),
        inspect.getRepoDigests() == null ? List.of() : inspect.getRepoDigests());
  }

  @Override
  public InputStream export(String id) throws IOException {
    try {
      return client.get().saveImageCmd(id).exec();
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
