package io.podarmor.internal.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link EngineImages} straight over the engine's unix socket: no engine client is built for static checks. */
final class SocketImages implements EngineImages {
  private static final int MAX_INSPECT = 16 << 20;
  private static final int MAX_ERROR = 64 << 10;
  private final Path socket;

  SocketImages(Path socket) {
    this.socket = socket;
  }

  @Override
  public Inspection inspect(String reference) throws IOException {
    try (EngineSocket.Response r = EngineSocket.get(socket, "/images/" + EngineSocket.escape(reference) + "/json")) {
      if (r.status() == 404) {
        return null;
      }
      if (r.status() != 200) {
        throw new IOException(failure(r));
      }
      byte[] body = r.body().readNBytes(MAX_INSPECT + 1);
      if (body.length > MAX_INSPECT) {
        throw new IOException("the engine's inspection exceeds " + (MAX_INSPECT >> 20) + " MB");
      }
      return inspection(body);
    }
  }

  /** The four fields PodArmor reads of the engine's answer, read as strictly as any document (a repeated key too). */
  static Inspection inspection(byte[] body) throws IOException {
    JsonNode json = Json.tree(body);
    if (!json.isObject()) {
      throw new IOException("the engine's inspection is not a JSON object");
    }
    if (!json.path("Id").isTextual()) {
      throw new IOException("the engine's inspection has no image ID");
    }
    List<String> repoDigests = new ArrayList<>();
    json.path("RepoDigests").forEach(d -> repoDigests.add(d.asText()));
    return new Inspection(json.path("Id").asText(), json.path("Os").asText(""), json.path("Architecture").asText(""),
        repoDigests);
  }

  @Override
  public InputStream export(String id) throws IOException {
    EngineSocket.Response r = EngineSocket.get(socket, "/images/" + EngineSocket.escape(id) + "/get");
    if (r.status() != 200) {
      try (r) {
        throw new IOException(failure(r));
      }
    }
    return r.body();
  }

  /** The engine's own message ({@code {"message": …}}), as the docker CLI shows it, with the status. */
  private static String failure(EngineSocket.Response r) throws IOException {
    String text = r.text(MAX_ERROR).strip();
    try {
      JsonNode json = Json.tree(text.getBytes(StandardCharsets.UTF_8));
      if (json != null && json.path("message").isTextual()) {
        text = json.path("message").asText();
      }
    } catch (IOException notJson) {
      // the text as it came
    }
    return "the engine answered " + r.status() + (text.isEmpty() ? "" : ": " + text);
  }
}
