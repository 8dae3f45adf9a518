package io.podarmor.internal.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.internal.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link EngineImages} straight over the engine's unix socket: no engine client is built for static checks. */
final class SocketImages implements EngineImages {
  private static final int MAX_INSPECT = 16 << 20;
  private static final int MAX_ERROR = 64 << 10;
  /** The engine's answers are read as strictly as every other document: a key repeated in one object is refused. */
  private static final JsonFactory INSPECTION = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
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

  /**
   * The four fields PodArmor reads, streamed from the engine's answer: a tree would load the whole data-binding layer
   * before the export is even asked for, and this answer is the first JSON of a run.
   */
  static Inspection inspection(byte[] body) throws IOException {
    String id = null;
    String os = "";
    String architecture = "";
    List<String> repoDigests = new ArrayList<>();
    try (JsonParser json = INSPECTION.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the engine's inspection is not a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "Id" -> id = value == JsonToken.VALUE_STRING ? json.getText() : null;
          case "Os" -> os = value == JsonToken.VALUE_STRING ? json.getText() : "";
          case "Architecture" -> architecture = value == JsonToken.VALUE_STRING ? json.getText() : "";
          case "RepoDigests" -> {
            if (value == JsonToken.START_ARRAY) {
              while (json.nextToken() == JsonToken.VALUE_STRING) {
                repoDigests.add(json.getText());
              }
            }
            json.skipChildren();
          }
          default -> json.skipChildren();
        }
      }
    }
    if (id == null) {
      throw new IOException("the engine's inspection has no image ID");
    }
    return new Inspection(id, os, architecture, repoDigests);
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
      JsonNode json = Json.mapper().readTree(text);
      if (json != null && json.path("message").isTextual()) {
        text = json.path("message").asText();
      }
    } catch (IOException notJson) {
      // the text as it came
    }
    return "the engine answered " + r.status() + (text.isEmpty() ? "" : ": " + text);
  }
}
