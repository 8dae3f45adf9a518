package io.podarmor.internal.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** What static checks ask the engine about an image: what it is ({@code docker image inspect}) and its export. */
public interface EngineImages {
  /** The parts of {@code docker image inspect} PodArmor reads. */
  record Inspection(String id, String os, String architecture, List<String> repoDigests) {}

  /**
   * The image's inspection, or {@code null} when the engine answers that it has no such image; never pulls.
   *
   * @throws IOException with the engine's answer when it cannot inspect it
   */
  Inspection inspect(String reference) throws IOException;

  /** {@code docker save} of the image with this ID, streamed as the engine writes it; the caller closes it. */
  InputStream export(String id) throws IOException;
}
