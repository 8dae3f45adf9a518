package io.podarmor.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.podarmor.image.Healthcheck;
import io.podarmor.image.HistoryEntry;
import io.podarmor.image.ImageConfig;
import io.podarmor.image.ImageException;
import io.podarmor.image.Platform;
import io.podarmor.internal.blob.Digests;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** An image config blob, parsed: the public {@link ImageConfig}, the platform and the layers' diff IDs. */
final class ParsedConfig {
  final String digest;
  final ImageConfig config;
  final Platform platform;
  final List<String> diffIds;

  private ParsedConfig(String digest, ImageConfig config, Platform platform, List<String> diffIds) {
    this.digest = digest;
    this.config = config;
    this.platform = platform;
    this.diffIds = diffIds;
  }

  /** Parses a config blob; configs are content-addressed, so each is parsed once per JVM whatever its source. */
  static ParsedConfig parse(byte[] bytes, String what) {
    return ImageCache.get("config:" + Digests.sha256(bytes), () -> read(bytes, what));
  }

  /** The config with this digest if some source already parsed it. */
  static java.util.Optional<ParsedConfig> cached(String digest) {
    return ImageCache.peek("config:" + digest);
  }

  private static ParsedConfig read(byte[] bytes, String what) {
    JsonNode root = Json.parse(bytes, what);
    JsonNode rootfs = root.get("rootfs");
    List<String> diffIds = rootfs == null ? null : Json.strings(rootfs.get("diff_ids"));
    if (diffIds == null) {
      throw new ImageException(what + " has no rootfs.diff_ids: not an image config");
    }
    for (String d : diffIds) {
      Digests.requireSha256(d, what + " rootfs.diff_ids");
    }
    String os = Json.text(root, "os");
    String arch = Json.text(root, "architecture");
    Platform platform = Platform.of(os == null || os.isEmpty() ? "unknown" : os,
        arch == null || arch.isEmpty() ? "unknown" : arch, Json.text(root, "variant"));

    ImageConfig.Builder b = ImageConfig.builder();
    JsonNode c = root.get("config");
    if (c != null && c.isObject()) {
      b.user(Json.text(c, "User"));
      List<String> env = Json.strings(c.get("Env"));
      if (env != null) {
        b.env(env);
      }
      b.labels(Json.stringMap(c.get("Labels")));
      b.entrypoint(Json.strings(c.get("Entrypoint")));
      b.cmd(Json.strings(c.get("Cmd")));
      b.workingDir(Json.text(c, "WorkingDir"));
      JsonNode ports = c.get("ExposedPorts");
      if (ports != null && ports.isObject()) {
        List<String> names = new ArrayList<>();
        ports.fieldNames().forEachRemaining(names::add);
        b.exposedPorts(names);
      }
      JsonNode hc = c.get("Healthcheck");
      if (hc != null && hc.isObject()) {
        b.healthcheck(new Healthcheck(Json.strings(hc.get("Test")), nanos(hc.get("Interval")),
            nanos(hc.get("Timeout")), nanos(hc.get("StartPeriod")),
            hc.hasNonNull("Retries") ? hc.get("Retries").asInt() : null));
      }
    }
    b.created(instant(Json.text(root, "created")));
    b.layerDiffIds(diffIds);
    JsonNode history = root.get("history");
    if (history != null && history.isArray()) {
      List<HistoryEntry> entries = new ArrayList<>();
      for (JsonNode h : history) {
        entries.add(new HistoryEntry(instant(Json.text(h, "created")), Json.text(h, "created_by"),
            Json.text(h, "comment"), Json.text(h, "author"), h.path("empty_layer").asBoolean(false)));
      }
      b.history(entries);
    }
    return new ParsedConfig(Digests.sha256(bytes), b.build(), platform, List.copyOf(diffIds));
  }

  private static Duration nanos(JsonNode n) {
    return n == null || n.isNull() || n.asLong() == 0 ? null : Duration.ofNanos(n.asLong());
  }

  private static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
